/**
 * The rules every tracking store keeps, for store implementations (the file store here, the
 * PostgreSQL store in {@code mlops-tracking-postgres}): names that are safe everywhere
 * ({@link dev.mlops.tracking.store.StoreNames}), limits on keys and values and well-formed text
 * ({@link dev.mlops.tracking.store.Limits}), the store's JSON ({@link dev.mlops.tracking.store.StoreJson},
 * {@link dev.mlops.tracking.store.SignatureJson}) and a run's environment
 * ({@link dev.mlops.tracking.store.Environment}). Sharing them is what makes two stores refuse the
 * same input with the same error and write the same audit records. Applications do not need this
 * package.
 */
package dev.mlops.tracking.store;
