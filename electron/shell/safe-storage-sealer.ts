import type { SafeStorage } from 'electron';
import type { SecretSealer } from '../core/config/secret-sealer';

type KeyStore = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

/**
 * The OS key store behind Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet), or
 * nothing where it would not protect anything: on a Linux session without a keyring safeStorage
 * falls back to a key written in its own source ("basic_text"), no better than an owner-only
 * file, which is then what settings use (README: "Secrets on the terminal").
 */
export async function keyStoreSealer(safeStorage: KeyStore, platform: NodeJS.Platform): Promise<SecretSealer | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  if (platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return undefined;
  return {
    seal: async (secret) => (await safeStorage.encryptStringAsync(secret)).toString('base64'),
    open: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}
