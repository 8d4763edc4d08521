/**
 * The product's own name: in logs, the database's connection name, and the words of a few
 * messages. It names the product, not the directory it talks to (lib/portal.ts decides that).
 */
export const PRODUCT_NAME = 'WorkMail Reset Portal';
export const PRODUCT_ID = 'workmail-reset-portal';
