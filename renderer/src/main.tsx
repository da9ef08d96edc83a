import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { browserStorage } from './browser-storage';
import { startI18n } from './i18n';
import { storedLanguage } from './language';
import { IpcLink } from './ipc-link';
import { WebScreen } from './web-screen';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
// Before the first render: the screen starts in the language its browser kept.
startI18n(storedLanguage(browserStorage()));
const bridge = window.kds;
createRoot(root).render(
  <StrictMode>
    {bridge ? <App connect={() => new IpcLink(bridge)} /> : <WebScreen board={window.location.pathname === '/board'} />}
  </StrictMode>,
);
