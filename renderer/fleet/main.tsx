import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FleetApp } from './fleet-app';
import { takeToken } from './token';
import './fleet.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element');
const token = takeToken();
createRoot(root).render(
  <StrictMode>
    {token ? (
      <FleetApp token={token} />
    ) : (
      <main className="fleet fleet--locked">
        <h1>Kitchen fleet</h1>
        <p>
          This page needs the access link the fleet service gives out (it ends in <code>#token=…</code>). Open that link again in this tab.
        </p>
      </main>
    )}
  </StrictMode>,
);
