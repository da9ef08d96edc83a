import { PRODUCT_NAME } from '../../shared/product';

export function App() {
  return (
    <main className="app">
      <header className="status-bar">
        <h1>{PRODUCT_NAME}</h1>
        <span className="status" role="status">
          Waiting for the kitchen core
        </span>
      </header>
      <section className="tickets" aria-label="Tickets">
        <p className="empty">No tickets yet</p>
      </section>
    </main>
  );
}
