package dev.slipway.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServletAdapter;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Slack's request URL ({@code /slack/events}: slash commands and interactivity). Checks the v0 signature over the raw
 * body, the window and replays before Bolt sees anything; acknowledges Slack's retries without running them again.
 */
final class SlackEventsServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsServlet.class);
    /** Slash commands and button payloads are a few kilobytes; anything far larger is not from Slack. */
    private static final int MAX_BODY = 256 * 1024;
    private static final String BODY = SlackEventsServlet.class.getName() + ".body";

    private final transient App app;
    private final transient SlackRequestSignature signature;
    private final transient SeenSignatures seen;
    private final transient SlackAppServletAdapter adapter;

    SlackEventsServlet(App app, SlackRequestSignature signature, SeenSignatures seen) {
        this.app = app;
        this.signature = signature;
        this.seen = seen;
        // Bolt parses the body we already read and verified, instead of reading the stream a second time.
        this.adapter = new SlackAppServletAdapter(app.config()) {
            @Override
            protected String doReadRequestBodyAsString(HttpServletRequest request) {
                return (String) request.getAttribute(BODY);
            }
        };
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body of %d bytes is over %d bytes".formatted(request.getContentLengthLong(), MAX_BODY));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body over %d bytes".formatted(MAX_BODY));
            return;
        }
        String presented = request.getHeader("X-Slack-Signature");
        SlackRequestSignature.Verdict verdict = signature.verify(request.getHeader("X-Slack-Request-Timestamp"), presented, body);
        if (verdict != SlackRequestSignature.Verdict.VALID) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, verdict.words);
            return;
        }
        if (!seen.firstTime(presented.strip())) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "signature already used (a replayed request)");
            return;
        }
        String retry = request.getHeader("X-Slack-Retry-Num");
        if (retry != null) {
            // Slack retries when an ack was slow or lost; the first delivery already runs, so this one only answers.
            log.info("Slack retry {} ({}) acknowledged without running it again", retry, request.getHeader("X-Slack-Retry-Reason"));
            response.setStatus(HttpServletResponse.SC_OK);
            response.setHeader("X-Slack-No-Retry", "1");
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("ssl_check=") || text.contains("&ssl_check=1")) {
            response.setStatus(HttpServletResponse.SC_OK);
            return;
        }
        Optional<String> malformed = SlackPayloads.malformed(text);
        if (malformed.isPresent()) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, malformed.get());
            return;
        }
        request.setAttribute(BODY, text);
        Request<?> slackRequest;
        try {
            slackRequest = adapter.buildSlackRequest(request);
        } catch (RuntimeException e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "not a Slack payload Slipway can read");
            return;
        }
        if (slackRequest == null) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, "not a Slack payload Slipway knows");
            return;
        }
        try {
            Response answer = app.run(slackRequest);
            adapter.writeResponse(response, answer);
        } catch (Exception e) {
            log.error("Slack request failed", e);
            if (!response.isCommitted()) {
                response.reset();
                response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                response.setContentType("text/plain;charset=utf-8");
                response.getWriter().write("Slipway failed to answer this request; the server log has the details");
            }
        }
    }

    private static void refuse(HttpServletResponse response, int status, String why) throws IOException {
        log.warn("refused a request to the Slack endpoint: {}", why);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(why);
    }
}
