import '@foyer/widgets';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** Foyer's address: `VITE_FOYER_API=https://foyer.ville.fr npm run build`. */
const API = import.meta.env.VITE_FOYER_API ?? 'https://foyer.example.org';

/** The town's page: its own header shows who is signed in and the cart's size, from Foyer's events. */
function FamilySpace() {
  const [who, setWho] = useState<string | null>(null);
  const [days, setDays] = useState(0);
  return (
    <main>
      <h1>Mon espace famille</h1>
      <p role="status" id="summary">
        {who ? `${who} — ${days} changement(s) dans le panier` : 'Non connecté'}
      </p>
      <foyer-provider
        api={API}
        collectivity="ville-de-demo"
        onfoyer-signed-in={(event) => setWho(event.detail.account.displayName)}
        onfoyer-signed-out={() => setWho(null)}
        onfoyer-cart-changed={(event) => setDays(event.detail.cart.lines.length)}
      >
        <foyer-login heading-level={2} />
        <foyer-cart heading-level={2} />
        <foyer-calendar heading-level={2} />
      </foyer-provider>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FamilySpace />
    </StrictMode>,
  );
}
