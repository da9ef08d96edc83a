/**
 * Encrypts a secret so that only this app, for this user on this machine, can read it back: the
 * desktop app gives one backed by the operating system's key store (Electron safeStorage). Where
 * there is none (`serve` under plain Node, a Linux desktop without a keyring), settings keep the
 * secret in a file only its owner may read instead.
 */
export interface SecretSealer {
  /** Base64 of the encrypted secret. */
  seal(secret: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** Sealed secrets already opened (the loader is synchronous; opening goes to the OS and is not). */
export type OpenedSecrets = ReadonlyMap<string, string>;

type Sealed = { passwordSealed?: unknown } | undefined;

/**
 * Opens the sealed passwords a configuration carries (the Kafka password, the schema registry's),
 * if any; one that cannot be opened is left for the loader to name.
 */
export async function openSealedSecrets(raw: unknown, sealer: SecretSealer | undefined): Promise<OpenedSecrets> {
  const opened = new Map<string, string>();
  const config = raw as { kafka?: { sasl?: Sealed }; schemaRegistry?: Sealed } | null;
  for (const sealed of [config?.kafka?.sasl?.passwordSealed, config?.schemaRegistry?.passwordSealed]) {
    if (!sealer || typeof sealed !== 'string') continue;
    try {
      opened.set(sealed, await sealer.open(sealed));
    } catch {
      // Sealed for another user or machine: the loader's error says what to do.
    }
  }
  return opened;
}
