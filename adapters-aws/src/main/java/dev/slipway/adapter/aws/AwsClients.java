package dev.slipway.adapter.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Duration;

/**
 * Builds the SDK clients from {@link AwsSettings}: the default credentials and region chains, the endpoint override, the
 * SDK's standard retry strategy with bounded attempts (throttling backs off from ten times the base delay), and
 * per-call and per-attempt timeouts. All clients share one HTTP connection pool; {@link #close} releases it.
 */
public final class AwsClients implements AutoCloseable {

    private static final int CONNECTIONS = 64;

    private final AwsSettings settings;
    private final SdkHttpClient http;

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.http = ApacheHttpClient.builder()
                .maxConnections(CONNECTIONS)
                .connectionTimeout(settings.apiCallAttemptTimeout())
                .socketTimeout(settings.apiCallAttemptTimeout())
                .build();
    }

    public AwsSettings settings() {
        return settings;
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder());
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder());
    }

    public S3Client s3() {
        // An endpoint override is an emulator or a private endpoint: address buckets by path, not by host name.
        return configure(S3Client.builder().forcePathStyle(settings.endpoint().isPresent()));
    }

    public EcrClient ecr() {
        return configure(EcrClient.builder());
    }

    public EcsClient ecs() {
        return configure(EcsClient.builder());
    }

    public CodeBuildClient codeBuild() {
        return configure(CodeBuildClient.builder());
    }

    public CodePipelineClient codePipeline() {
        return configure(CodePipelineClient.builder());
    }

    public CloudWatchClient cloudWatch() {
        return configure(CloudWatchClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        Duration base = settings.retryBaseDelay();
        ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(base, base.multipliedBy(200)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(base.multipliedBy(10), base.multipliedBy(200)))
                        .build())
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .build();
        builder.overrideConfiguration(overrides).httpClient(http);
        settings.region().map(Region::of).ifPresent(builder::region);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        http.close();
    }
}
