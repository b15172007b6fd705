package dev.mlops.tracking.internal;

/** {@code store.json}: the layout's format, checked on open so a newer layout is never misread. */
record StoreDocument(int format, String createdBy) {
    public static final int FORMAT = 1;
}
