package io.fliptj.storage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.fliptj.api.CreateFlagRequest;
import io.fliptj.api.CreateNamespaceRequest;
import io.fliptj.api.DeleteNamespaceRequest;
import io.fliptj.core.errors.InvalidArgumentException;
import io.fliptj.storage.NamespaceChangeFeed;
import io.fliptj.storage.NamespaceWrite;
import io.fliptj.storage.Stores;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's change feed between two "instances" (two pools on one database): committed writes are announced
 * with their namespace, rolled-back writes are not, and a feed whose connection is killed reconnects and
 * reports {@link NamespaceChangeFeed#ALL}.
 */
class PostgresChangeFeedTest {
    private static final long WAIT_SECONDS = 10;

    private DatabaseServers.FreshDatabase database;
    private ManagedDataSource writerSource;
    private ManagedDataSource listenerSource;
    private Stores writer;
    private NamespaceChangeFeed feed;
    private final BlockingQueue<String> notices = new LinkedBlockingQueue<>();
    private final BlockingQueue<Optional<NamespaceWrite>> writes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        database = DatabaseServers.createPostgres();
        writerSource = database.factory().build(new MetricRegistry(), "writer");
        listenerSource = database.factory().build(new MetricRegistry(), "listener");
        Migrations.migrate(writerSource);
        writer = SqlStores.create(Jdbi.create(writerSource), Dialect.POSTGRES);
        feed = SqlStores.changeFeed(Jdbi.create(listenerSource), Dialect.POSTGRES).orElseThrow();
        feed.start((namespaceKey, write) -> {
            writes.add(write);
            notices.add(namespaceKey);
        });
        awaitListening();
    }

    /** Waits until the feed's session has run LISTEN, so no notice of the test is sent before it listens. */
    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (listeningSessions() == 0) {
            assertThat(System.nanoTime()).as("feed listening").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private int listeningSessions() throws Exception {
        try (Connection connection = writerSource.getConnection(); Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (writerSource != null) {
            writerSource.stop();
        }
        if (listenerSource != null) {
            listenerSource.stop();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void committedWritesAreAnnouncedWithTheirNamespace() throws Exception {
        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("team").setName("Team").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");

        writer.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("team").setKey("banner").setName("Banner").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");

        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("gone").setName("Gone").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("gone");
        writer.namespaces().deleteNamespace(DeleteNamespaceRequest.newBuilder().setKey("gone").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("gone");
    }

    @Test
    void noticesOfSingleFlagWritesCarryTheVersionAndTheFlag() throws Exception {
        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("team").setName("Team").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");
        assertThat(writes.poll()).isEmpty();

        writer.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("team").setKey("banner").setName("Banner").build());
        long version = Long.parseLong(writer.evaluation().namespaceVersion("team").orElseThrow());

        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");
        assertThat(writes.poll()).contains(new NamespaceWrite(version, version, Optional.of("banner")));
        assertThat(writer.evaluation().lastWriteByCurrentThread("team")).contains(new NamespaceWrite(version, version, Optional.of("banner")));
    }

    @Test
    void failedWritesAnnounceNothing() throws Exception {
        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("team").setName("Team").build());
        writer.flags().createFlag(CreateFlagRequest.newBuilder().setNamespaceKey("team").setKey("banner").setName("Banner").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("team");

        assertThatThrownBy(() -> writer.flags().createFlag(
                CreateFlagRequest.newBuilder().setNamespaceKey("team").setKey("banner").setName("Again").build()))
                .isInstanceOf(InvalidArgumentException.class);
        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("after").setName("After").build());

        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("after");
    }

    @Test
    void aKilledConnectionReconnectsAndAsksForAFullCheck() throws Exception {
        try (Connection connection = writerSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()");
        }

        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(NamespaceChangeFeed.ALL);
        awaitListening();
        writer.namespaces().createNamespace(CreateNamespaceRequest.newBuilder().setKey("later").setName("Later").build());
        assertThat(notices.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("later");
    }
}
