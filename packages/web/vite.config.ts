import { defineConfig } from 'vite';

// The dashboard is static files served by @cvm/server; it talks to the JSON API only.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:4173' } },
});
