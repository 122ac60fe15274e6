// The dashboard's files are sent compressed (issue 18): the build writes Brotli and gzip copies, the
// server picks one by Accept-Encoding, and what it sends decompresses to the plain file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodedBody, loadStaticFiles } from '../src/static-files.js';
import { createApp } from '../src/index.js';
import { openWorkspace } from '@cvm/core';
import { tempDir } from './helpers.js';

const plain = Buffer.from(`console.log(${JSON.stringify('x'.repeat(5000))});\n`);

function builtDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets/app.js'), plain);
  writeFileSync(join(dir, 'assets/app.js.br'), brotliCompressSync(plain));
  writeFileSync(join(dir, 'assets/app.js.gz'), gzipSync(plain));
  return dir;
}

test('encodedBody: Brotli first, then gzip, honouring q=0; plain without either', () => {
  const file = loadStaticFiles(builtDir())!.get('/assets/app.js')!;
  assert.equal(encodedBody(file, 'gzip, deflate, br').encoding, 'br');
  assert.equal(encodedBody(file, 'gzip, br;q=0').encoding, 'gzip');
  assert.equal(encodedBody(file, 'br;q=0, gzip;q=0').encoding, undefined);
  assert.equal(encodedBody(file, undefined).encoding, undefined);
  assert.equal(encodedBody(file, '*').encoding, 'br');
  assert.deepEqual(Buffer.from(encodedBody(file, 'identity').body), plain);
  const html = loadStaticFiles(builtDir())!.get('/index.html')!;
  assert.equal(encodedBody(html, 'br').encoding, undefined, 'a file without built copies is sent plain');
});

test('the server sends the compressed copy with Content-Encoding and Vary, and it decompresses to the file', async () => {
  const engine = await openWorkspace();
  try {
    const app = createApp(engine, { webDir: builtDir() });
    const br = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('vary'), 'accept-encoding');
    assert.deepEqual(brotliDecompressSync(Buffer.from(await br.arrayBuffer())), plain);
    const gz = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(gunzipSync(Buffer.from(await gz.arrayBuffer())), plain);
    const none = await app.request('/assets/app.js');
    assert.equal(none.headers.get('content-encoding'), null);
    assert.deepEqual(Buffer.from(await none.arrayBuffer()), plain);
  } finally {
    await engine.close();
  }
});
