import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The chat widget: one self-contained script websites load with a <script> tag. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    lib: { entry: fileURLToPath(new URL('src/widget.ts', import.meta.url)), formats: ['iife'], name: 'TendChat', fileName: () => 'widget.js' },
  },
});
