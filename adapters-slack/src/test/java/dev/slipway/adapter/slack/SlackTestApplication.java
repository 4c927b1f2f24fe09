package dev.slipway.adapter.slack;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The Slack front end over the test core, as bootstrap's serve mode would run it: no component scan, only these two. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SlackConfiguration.class, SlackTestCore.class})
class SlackTestApplication {
}
