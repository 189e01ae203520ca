import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { api } from './api/client.ts';
import { i18nReady } from './i18n/index.ts';
import { AppProviders } from './app/AppProviders.tsx';
import { App } from './app/App.tsx';

// The CSRF token is fetched while the page renders, so the first submit does not wait for it.
api.prefetchCsrfToken();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

void i18nReady.then(() => {
  createRoot(container).render(
    <StrictMode>
      <BrowserRouter>
        <AppProviders>
          <App />
        </AppProviders>
      </BrowserRouter>
    </StrictMode>,
  );
});
