/** Names shown to people; one place so the shell, the web host and the screen agree. */
export const PRODUCT_NAME = 'KDS Kitchen Display';

/** The release, shown in diagnostics exports (kept equal to package.json's version by test/unit/product-version.test.ts). */
export const KDS_VERSION = '0.1.0';
