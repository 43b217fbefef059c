import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProviders, createQueryClient } from './app/providers';
import { createAppRouter } from './app/router';
import { TokenStore } from './ui/token';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const tokens = new TokenStore();
const router = createAppRouter(tokens);
createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={createQueryClient()} tokens={tokens}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
