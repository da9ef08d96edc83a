import { describe, expect, it } from 'vitest';
// electron-builder's own configuration loader and schema validation: the packaging config is
// checked offline here, since installers are built on hosted runners only.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

describe('the installer configuration', () => {
  it("passes electron-builder's own schema, hardens Electron's fuses and unpacks the native SQLite binding", async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelt as typeof config, new DebugLogger(false)), 'the schema check is real').rejects.toThrow(
      /configuration\.electronFuses should be/,
    );
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
  });
});
