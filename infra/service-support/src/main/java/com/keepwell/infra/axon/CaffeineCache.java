package com.keepwell.infra.axon;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A bounded, size- and idle-evicting Axon {@link Cache} on Caffeine. Axon ships only a weak-reference cache
 * (emptied by every garbage collection, so nearly always cold under load) and adapters for EhCache and JCache;
 * this adapter keeps the aggregates of recently active customers in memory without another cache product.
 * Entry listeners are not supported: Axon's caching repositories do not use them.
 */
public final class CaffeineCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    public CaffeineCache(long maxEntries, Duration expireAfterAccess) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterAccess(expireAfterAccess)
                .build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("entry listeners are not supported by this cache");
    }
}
