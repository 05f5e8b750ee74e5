/** Entry point: pick the bridge (Electron preload or WebSocket) and mount the dashboard. */
import './zod-jitless.js'; // must stay first: see the file
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './Root.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Root win={window} />
  </StrictMode>,
);
