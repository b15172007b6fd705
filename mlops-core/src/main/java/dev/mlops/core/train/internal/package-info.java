/** Backend adapters: conversions to Tribuo and Smile structures and their fitted-model wrappers. */
package dev.mlops.core.train.internal;
