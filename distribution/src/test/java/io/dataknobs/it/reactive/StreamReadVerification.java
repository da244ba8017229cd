package io.dataknobs.it.reactive;

import io.dataknobs.api.AsyncDatabase;
import io.dataknobs.api.Database;
import io.dataknobs.api.Record;
import io.dataknobs.api.query.Query;
import io.dataknobs.api.stream.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (the public conformance suite for {@link Flow.Publisher}) against
 * {@code AsyncDatabase.streamRead} on one backend: a publisher of n elements is a stream of
 * {@code Query.all().limit(n)} over a table of {@link #STORED} records; the failed publisher
 * streams from a closed database. One subclass per backend; {@link ReactiveStreamsTckTest} runs
 * them under TestNG.
 */
public abstract class StreamReadVerification extends FlowPublisherVerification<Record> {
  static final int STORED = 1_000;

  private Database db;
  private AsyncDatabase closed;

  protected StreamReadVerification() {
    super(new TestEnvironment(2_000, 500));
  }

  /** @return a new, empty database of the backend under test */
  protected abstract Database open();

  @BeforeClass
  public void fill() {
    db = open();
    List<Record> records = new ArrayList<>(STORED);
    for (int i = 0; i < STORED; i++) {
      records.add(Record.of(String.format("r%05d", i), Map.of("n", i)));
    }
    db.createBatch(records);
    // the async view of a database closed after it was taken: a publisher that cannot serve
    Database gone = open();
    closed = gone.async();
    gone.close();
  }

  @AfterClass
  public void close() {
    db.close();
  }

  @Override
  public Flow.Publisher<Record> createFlowPublisher(long elements) {
    AsyncDatabase async = db.async();
    return async.streamRead(Query.all().sort("id").limit((int) elements), StreamConfig.builder().bufferSize(7).build());
  }

  @Override
  public Flow.Publisher<Record> createFailedFlowPublisher() {
    return closed.streamRead(Query.all(), StreamConfig.defaults());
  }

  @Override
  public long maxElementsFromPublisher() {
    return STORED;
  }
}
