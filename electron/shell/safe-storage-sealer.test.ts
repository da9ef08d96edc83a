import { describe, expect, it } from 'vitest';
import { keyStoreSealer } from './safe-storage-sealer';

/** Electron's safeStorage as each platform presents it (the real one exists only inside Electron). */
function keyStore(available: boolean, backend: 'basic_text' | 'gnome_libsecret' | 'unknown') {
  return {
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: async (text: string) => Buffer.from(`enc:${text}`),
    decryptStringAsync: async (data: Buffer) => ({ result: data.toString().replace(/^enc:/, ''), shouldReEncrypt: false }),
  };
}

describe("secrets in the OS key store (Electron's safeStorage)", () => {
  it('seals and opens through the key store where it protects something', async () => {
    const sealer = await keyStoreSealer(keyStore(true, 'gnome_libsecret'), 'linux');
    if (!sealer) throw new Error('expected a sealer with libsecret');
    const sealed = await sealer.seal('s3cret');
    expect(Buffer.from(sealed, 'base64').toString()).toBe('enc:s3cret');
    expect(await sealer.open(sealed)).toBe('s3cret');
    expect(await keyStoreSealer(keyStore(true, 'unknown'), 'win32')).toBeDefined();
  });

  it('falls back (to an owner-only file) where safeStorage is unavailable or only uses its built-in key', async () => {
    expect(await keyStoreSealer(keyStore(false, 'gnome_libsecret'), 'darwin')).toBeUndefined();
    expect(await keyStoreSealer(keyStore(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(await keyStoreSealer(keyStore(true, 'unknown'), 'linux')).toBeUndefined();
  });
});
