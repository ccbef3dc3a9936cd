package com.keepwell.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfraRestartTest {

    @Test
    void postgres_keeps_its_data_across_a_restart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.startKeeping(data);
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v TEXT)");
            s.execute("INSERT INTO kept VALUES ('still here')");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.startKeeping(data);
                Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void kafka_keeps_its_topics_across_a_restart(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("kafka");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(logs)) {
            kafka.createTopics(Map.of("kept.topic", 3));
        }
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(logs)) {
            assertThat(topics(kafka)).contains("kept.topic");
        }
    }

    private static Set<String> topics(EmbeddedKafkaBroker kafka) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.listTopics().names().get();
        }
    }
}
