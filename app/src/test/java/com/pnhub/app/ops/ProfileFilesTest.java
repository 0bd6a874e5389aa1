package com.pnhub.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every profile's application*.yml loads as Spring Boot loads it: a key given twice (two {@code pnhub:} blocks from
 * two changes) stops the service at start, in whichever profile has it, and most tests never start {@code prod}.
 */
class ProfileFilesTest {

    @Test
    void canLoadEveryProfilesSettingsWithoutAKeyGivenTwice() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:application*.yml");
        assertThat(files).extracting(Resource::getFilename).contains("application.yml", "application-prod.yml");
        for (Resource file : files) {
            List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load(file.getFilename(), file);
            assertThat(loaded).as(file.getFilename()).isNotEmpty();
        }
    }
}
