package io.dataknobs.api.stream;

/**
 * One record that {@code streamWrite} could not write.
 *
 * @param index the record's 0-based position in the input
 * @param id the id it was to be stored under (null if none could be chosen)
 * @param message why it failed
 * @param exceptionType the simple name of the exception that failed it
 */
public record StreamError(long index, String id, String message, String exceptionType) {}
