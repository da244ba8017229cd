package io.dataknobs.core.pool;

/**
 * A snapshot of one shared pool, for monitoring. Never contains a secret: the hash is taken
 * over the configuration with secret keys left out.
 *
 * @param owner who the pool belongs to (a class loader or an OSGi bundle, as text)
 * @param backend the backend or client the pool serves
 * @param configHash a short hash of the non-secret configuration
 * @param holders how many leases are open
 * @param active connections in use
 * @param idle connections ready
 * @param total connections open
 * @param waiting threads waiting for a connection
 */
public record PoolInfo(String owner, String backend, String configHash, int holders, int active, int idle, int total,
    int waiting) {}
