package com.pnhub.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfrastructureTest {

    private static final List<Integer> REAL_SERVER_PORTS = List.of(5432, 6379, 5672, 8080);

    @Test
    void startsAllThreeAndReleasesThePortsOnClose() throws Exception {
        int pgPort;
        int redisPort;
        int amqpPort;
        long t0 = System.nanoTime();
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.all())) {
            System.out.printf("start-up: total %d ms, per server %s%n", (System.nanoTime() - t0) / 1_000_000,
                    infra.startTimes());
            pgPort = infra.postgresPort();
            redisPort = infra.redisPort();
            amqpPort = infra.amqpPort();
            assertThat(List.of(pgPort, redisPort, amqpPort)).doesNotContainAnyElementsOf(REAL_SERVER_PORTS)
                    .doesNotHaveDuplicates();

            // --- PostgreSQL
            assertThat(infra.postgresJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pgPort + "/pnhub");
            try (Connection c = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUser(),
                    infra.postgresPassword()); Statement s = c.createStatement()) {
                s.execute("create table greeting (id bigint primary key, text varchar(100) not null)");
                s.execute("insert into greeting values (1, 'hello'), (2, 'world')");
                try (ResultSet rs = s.executeQuery("select text from greeting order by id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("hello");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("world");
                }
                try (ResultSet rs = s.executeQuery("select current_database()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("pnhub");
                }
            }

            // --- Redis: raw RESP
            try (Socket socket = new Socket(infra.redisHost(), redisPort)) {
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                // without the password nothing but AUTH is answered
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                StringBuilder refused = new StringBuilder();
                for (int c; (c = in.read()) != '\n' && c >= 0; ) {
                    refused.append((char) c);
                }
                assertThat(refused.toString()).startsWith("-NOAUTH");
                out.write(("AUTH " + infra.redisPassword() + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write("SET k v\r\nGET k\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String expected = "+OK\r\n+PONG\r\n+OK\r\n$1\r\nv\r\n";
                byte[] reply = in.readNBytes(expected.length());
                assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo(expected);
            }

            // --- AMQP 0-9-1 with the RabbitMQ client, virtual host "/" like Spring AMQP
            ConnectionFactory cf = new ConnectionFactory();
            cf.setHost(infra.amqpHost());
            cf.setPort(amqpPort);
            cf.setUsername(infra.amqpUser());
            cf.setPassword(infra.amqpPassword());
            cf.setVirtualHost("/");
            try (com.rabbitmq.client.Connection conn = cf.newConnection("local-infra-test");
                 Channel ch = conn.createChannel()) {
                ch.queueDeclare("pnhub.test", true, false, false, null);
                ch.confirmSelect();
                ch.basicPublish("", "pnhub.test", MessageProperties.PERSISTENT_TEXT_PLAIN,
                        "hi qpid".getBytes(StandardCharsets.UTF_8));
                ch.waitForConfirmsOrDie(5_000);

                BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
                ch.basicConsume("pnhub.test", false, new DefaultConsumer(ch) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                            throws java.io.IOException {
                        getChannel().basicAck(env.getDeliveryTag(), false);
                        received.add(new String(body, StandardCharsets.UTF_8));
                    }
                });
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("hi qpid");
            }

            Map<String, String> props = infra.springProperties();
            assertThat(props)
                    .containsEntry("spring.datasource.url", infra.postgresJdbcUrl())
                    .containsEntry("spring.datasource.username", "postgres")
                    .containsEntry("spring.data.redis.host", "127.0.0.1")
                    .containsEntry("spring.data.redis.port", Integer.toString(redisPort))
                    .containsEntry("spring.rabbitmq.port", Integer.toString(amqpPort))
                    .containsEntry("spring.rabbitmq.username", "guest")
                    .containsEntry("spring.rabbitmq.password", "guest")
                    .containsEntry("spring.rabbitmq.virtual-host", "/")
                    .containsKeys("spring.datasource.password", "spring.rabbitmq.host");
            assertThat(LocalInfrastructure.isReachable("127.0.0.1", pgPort, Duration.ofSeconds(1))).isTrue();
        }

        for (int port : List.of(pgPort, redisPort, amqpPort)) {
            assertThat(LocalInfrastructure.isReachable("127.0.0.1", port, Duration.ofMillis(500)))
                    .as("port %d released", port).isFalse();
            // and it can be bound again
            try (java.net.ServerSocket ss = new java.net.ServerSocket(port, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                assertThat(ss.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void persistentDataDirIsReusedAcrossRestarts(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data").resolve("pg");
        LocalInfraOptions options = LocalInfraOptions.builder()
                .redis(false).amqp(false).postgresDataDir(dataDir).build();

        long t0 = System.nanoTime();
        try (LocalInfrastructure first = LocalInfrastructure.start(options)) {
            System.out.printf("postgres first start (initdb) %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(first.redisStarted()).isFalse();
            assertThat(first.amqpStarted()).isFalse();
            assertThat(first.springProperties()).containsOnlyKeys(
                    "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");
            try (Connection c = DriverManager.getConnection(first.postgresJdbcUrl(), first.postgresUser(),
                    first.postgresPassword()); Statement s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('survives restart')");
                // a kept data directory runs durably: an acknowledged commit survives a killed backend
                for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                    try (ResultSet rs = s.executeQuery("show " + setting)) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        t0 = System.nanoTime();
        try (LocalInfrastructure second = LocalInfrastructure.start(options)) {
            System.out.printf("postgres restart on existing data %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            try (Connection c = DriverManager.getConnection(second.postgresJdbcUrl(), second.postgresUser(),
                    second.postgresPassword()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("survives restart");
            }
        }
    }

    @Test
    void isReachableIsFalseForAClosedPort() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
            assertThat(LocalInfrastructure.isReachable("127.0.0.1", port, Duration.ofSeconds(1))).isTrue();
        }
        assertThat(LocalInfrastructure.isReachable("127.0.0.1", port, Duration.ofMillis(300))).isFalse();
    }

    /**
     * The superuser needs the password made for this data directory, which the directory keeps (readable by this
     * JVM's user only) so that it is the same after a restart; a cluster that trusts loopback (zonky's initdb, or an
     * earlier build) gets one at its first start.
     */
    @Test
    void postgresLetsInOnlyThePasswordOfItsDataDirectory(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("pg");
        String password;
        try (PostgresServer pg = PostgresServer.start(dataDir, "pnhub", 0, Duration.ofSeconds(60))) {
            password = pg.password();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertRefused(pg, "");
            assertRefused(pg, "postgres");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", password)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        Path credentials = dataDir.resolve(PostgresServer.CREDENTIALS_FILE);
        assertThat(java.nio.file.Files.getPosixFilePermissions(credentials))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(java.nio.file.Files.readAllLines(dataDir.resolve("pg_hba.conf")))
                .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                .isNotEmpty().allMatch(line -> line.endsWith("scram-sha-256"));

        // what a data directory of an earlier build looks like: trust on loopback, no credentials kept
        java.nio.file.Files.writeString(dataDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        java.nio.file.Files.delete(credentials);
        try (PostgresServer pg = PostgresServer.start(dataDir, "pnhub", 0, Duration.ofSeconds(60))) {
            assertThat(pg.password()).isNotEqualTo(password);
            assertRefused(pg, "");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", pg.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
            password = pg.password();
        }
        try (PostgresServer pg = PostgresServer.start(dataDir, "pnhub", 0, Duration.ofSeconds(60))) {
            assertThat(pg.password()).isEqualTo(password);
        }
    }

    private static void assertRefused(PostgresServer pg, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), "postgres", password).close())
                .isInstanceOf(java.sql.SQLException.class)
                .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isIn("28P01", "08004"));
    }

    /** Fixed ports for users who want stable ones, from the same property names the Run command reads. */
    @Test
    void eachServerTakesTheFixedPortItIsGiven() throws Exception {
        int[] ports = new int[3];
        for (int i = 0; i < 3; i++) {
            ports[i] = FreePorts.pick();
        }
        Map<String, String> wanted = Map.of(LocalInfraOptions.POSTGRES_PORT, Integer.toString(ports[0]),
                LocalInfraOptions.REDIS_PORT, Integer.toString(ports[1]), LocalInfraOptions.AMQP_PORT, Integer.toString(ports[2]));
        for (int port : ports) {
            FreePorts.release(port);
        }
        try (LocalInfrastructure infra = LocalInfrastructure.start(LocalInfraOptions.builder().portsFrom(wanted::get).build())) {
            assertThat(List.of(infra.postgresPort(), infra.redisPort(), infra.amqpPort()))
                    .containsExactly(ports[0], ports[1], ports[2]);
            try (Connection c = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUser(), infra.postgresPassword())) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalInfrastructure.start(LocalInfraOptions.builder().redis(false).amqp(false)
                    .postgresPort(taken.getLocalPort()).build()))
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("something listens there");
        }
        assertThat(LocalInfraOptions.builder().portsFrom(name -> name.equals(LocalInfraOptions.REDIS_PORT) ? " " : null).build())
                .satisfies(o -> assertThat(List.of(o.postgresPort(), o.redisPort(), o.amqpPort())).containsOnly(0));
        assertThatThrownBy(() -> LocalInfraOptions.builder().portsFrom(name -> "x"))
                .hasMessageContaining(LocalInfraOptions.POSTGRES_PORT);
    }

    /** A data directory of another PostgreSQL major version does not start: the refusal says why and what to do. */
    @Test
    void aDataDirectoryOfAnotherMajorVersionIsRefusedWithTheReason(@TempDir Path tmp) throws Exception {
        Path dataDir = java.nio.file.Files.createDirectories(tmp.resolve("pg"));
        java.nio.file.Files.writeString(dataDir.resolve("PG_VERSION"), "9\n");
        assertThatThrownBy(() -> LocalInfrastructure.start(LocalInfraOptions.builder().redis(false).amqp(false)
                .postgresDataDir(dataDir).build()))
                .hasMessageContaining("was made by PostgreSQL 9")
                .hasMessageContaining("runs PostgreSQL " + PostgresServer.binariesMajorVersion())
                .hasMessageContaining("pg_upgrade");
        assertThat(PostgresServer.binariesMajorVersion()).matches("\\d+");
    }

    @Test
    void startDoesNotSetSystemProperties() {
        java.util.Set<Object> before = new java.util.HashSet<>(System.getProperties().keySet());
        try (LocalInfrastructure infra = LocalInfrastructure.start(
                LocalInfraOptions.builder().postgres(false).redis(false).build())) {
            java.util.Set<Object> added = new java.util.HashSet<>(System.getProperties().keySet());
            added.removeAll(before);
            System.out.println("system properties added by Qpid start: " + added);
        }
    }
}
