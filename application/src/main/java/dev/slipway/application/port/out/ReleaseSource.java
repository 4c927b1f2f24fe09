package dev.slipway.application.port.out;

import java.nio.file.Path;

/** Writes a release's files where a target wants them; targets that build on this machine use it. */
@FunctionalInterface
public interface ReleaseSource {

    void writeTo(Path directory);
}
