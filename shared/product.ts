/** Names shown to people; one place so the shell, the web host and the screen agree. */
export const PRODUCT_NAME = 'KDS Kitchen Display';
