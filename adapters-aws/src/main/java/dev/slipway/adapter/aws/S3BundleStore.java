package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.BundleStore;
import dev.slipway.application.port.out.OutsideSystemFailure;
import dev.slipway.domain.environment.Names;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Deploy bundles on Amazon S3: each release is a {@code deploy-bundle-<version>.tar.gz} under
 * {@code s3://<bucket>/bundles/<environment>/}. The archive is reproducible (fixed times and owners), with the
 * {@code .sh} files executable.
 */
public final class S3BundleStore implements BundleStore {

    static final String SYSTEM = "S3";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String PREFIX = "deploy-bundle-";
    private static final String SUFFIX = ".tar.gz";
    private static final int MOST_BYTES = 64 * 1024 * 1024;

    private final S3Client s3;

    public S3BundleStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The object key of a bundle: {@code bundles/<environment>/deploy-bundle-<version>.tar.gz}. */
    public static String key(String environment, String version) {
        return "bundles/%s/%s%s%s".formatted(environment, PREFIX, version, SUFFIX);
    }

    static void check(String location, String environment, String version) {
        if (location == null || !BUCKET.matcher(location).matches()) throw new IllegalArgumentException("'%s' is not an S3 bucket name".formatted(location));
        Names.require("environment", environment);
        if (version != null && !VERSION.matcher(version).matches()) throw new IllegalArgumentException("'%s' is not a release version or tag".formatted(version));
    }

    @Override
    public Bundle store(Contents contents) {
        check(contents.location(), contents.environment(), contents.version());
        byte[] archive = pack(contents.files());
        String key = key(contents.environment(), contents.version());
        AwsCall.run(SYSTEM, "upload " + address(contents.location(), key), () -> s3.putObject(r -> r.bucket(contents.location()).key(key)
                .contentType("application/gzip"), RequestBody.fromBytes(archive)));
        return new Bundle(contents.location(), contents.environment(), contents.version(), address(contents.location(), key), archive.length);
    }

    @Override
    public List<Bundle> list(String location, String environment) {
        check(location, environment, null);
        String prefix = "bundles/%s/%s".formatted(environment, PREFIX);
        return AwsCall.run(SYSTEM, "list bundles in " + address(location, prefix), () -> s3.listObjectsV2Paginator(r -> r.bucket(location).prefix(prefix))
                .contents().stream()
                .filter(o -> o.key().endsWith(SUFFIX))
                .map(o -> bundleOf(location, environment, o))
                .filter(b -> VERSION.matcher(b.version()).matches())
                .toList());
    }

    private static Bundle bundleOf(String location, String environment, S3Object object) {
        String name = object.key().substring(object.key().lastIndexOf('/') + 1);
        String version = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        return new Bundle(location, environment, version, address(location, object.key()), object.size());
    }

    @Override
    public Optional<Bundle> find(String location, String environment, String version) {
        check(location, environment, version);
        String key = key(environment, version);
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(location).key(key));
            return Optional.of(new Bundle(location, environment, version, address(location, key), head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw AwsCall.failure(SYSTEM, "look for " + address(location, key), e);
        } catch (SdkException e) {
            throw AwsCall.failure(SYSTEM, "look for " + address(location, key), e);
        }
    }

    @Override
    public Optional<Contents> open(String location, String environment, String version) {
        check(location, environment, version);
        String key = key(environment, version);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3.getObjectAsBytes(r -> r.bucket(location).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCall.failure(SYSTEM, "download " + address(location, key), e);
        }
        return Optional.of(new Contents(location, environment, version, unpack(bytes.asByteArray(), address(location, key))));
    }

    static String address(String bucket, String key) {
        return "s3://%s/%s".formatted(bucket, key);
    }

    /** A reproducible tar.gz of {@code files}: sorted, owned by root, dated at the epoch. */
    static byte[] pack(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out, gzip), StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(file.getKey().endsWith(".sh") ? 0100755 : 0100644);
                entry.setModTime(0);
                entry.setUserName("root");
                entry.setGroupName("root");
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not pack a bundle in memory", e);
        }
        return out.toByteArray();
    }

    /** The files of a bundle archive, with their modes checked against what {@link #pack} writes. */
    static Map<String, String> unpack(byte[] archive, String where) {
        Map<String, String> files = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            long total = 0;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile()) continue;
                total += entry.getSize();
                if (total > MOST_BYTES) throw new OutsideSystemFailure(SYSTEM, "open " + where, false, "the bundle is larger than " + MOST_BYTES + " bytes");
                files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new OutsideSystemFailure(SYSTEM, "open " + where, false, "not a gzip tar archive: " + e.getMessage());
        }
        return files;
    }

    /** The file modes in a bundle archive, by path; for tests of what an instance will unpack. */
    static Map<String, Integer> modes(byte[] archive) throws IOException {
        Map<String, Integer> modes = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) modes.put(entry.getName(), entry.getMode() & 0777);
        }
        return modes;
    }
}
