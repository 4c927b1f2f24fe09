package dev.slipway.adapter.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.springframework.context.SmartLifecycle;

/**
 * Socket Mode, for teams behind a firewall: Slipway opens a WebSocket to Slack (with the app-level token) and receives
 * the same commands and button presses over it, so no request URL needs to be reachable from the internet.
 */
final class SlackSocketMode implements SmartLifecycle {

    private final String appToken;
    private final App app;
    private SocketModeApp socket;

    SlackSocketMode(String appToken, App app) {
        this.appToken = appToken;
        this.app = app;
    }

    @Override
    public synchronized void start() {
        try {
            socket = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
            socket.startAsync();
        } catch (Exception e) {
            throw new IllegalStateException("could not open Slack's Socket Mode connection: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (Exception ignored) {
            // Closing a connection that is already gone needs no more than that.
        }
        socket = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return socket != null;
    }
}
