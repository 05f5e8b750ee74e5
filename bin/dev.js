#!/usr/bin/env node
// `npm run dev`: the window with the renderer from Vite's dev server (hot reload). Only this script
// makes the app honour ELECTRON_RENDERER_URL (main/electron/origin.ts), which electron-vite sets.
import { createServer } from 'electron-vite';

process.env.CORESCOPE_DEV_RENDERER = '1';
await createServer({}, {});
