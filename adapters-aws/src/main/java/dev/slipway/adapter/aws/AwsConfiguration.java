package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the AWS clients from {@code slipway.aws.*} and the adapters over them: the ECR registry, the S3 bundle store,
 * the {@code ec2-ssm} target, the CodeBuild and CodePipeline triggers and the CloudWatch alarm gate. SDK clients are lazy, so a Slipway that
 * only uses the local target never needs an AWS region or credentials.
 */
@Configuration(proxyBeanMethods = false)
public class AwsConfiguration {

    @Bean
    public AwsSettings awsSettings(@Value("${slipway.aws.region:}") String region,
                                   @Value("${slipway.aws.endpoint:}") String endpoint,
                                   @Value("${slipway.aws.max-attempts:4}") int maxAttempts,
                                   @Value("${slipway.aws.retry-base-delay:100ms}") String retryBaseDelay,
                                   @Value("${slipway.aws.api-call-timeout:30s}") String apiCallTimeout,
                                   @Value("${slipway.aws.api-call-attempt-timeout:10s}") String apiCallAttemptTimeout,
                                   @Value("${slipway.aws.poll-interval:2s}") String pollInterval) {
        return new AwsSettings(Optional.of(region.strip()), endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint.strip())), maxAttempts,
                duration("retry-base-delay", retryBaseDelay), duration("api-call-timeout", apiCallTimeout),
                duration("api-call-attempt-timeout", apiCallAttemptTimeout), duration("poll-interval", pollInterval));
    }

    private static Duration duration(String key, String text) {
        Duration parsed = TargetSettings.parseDuration(text.strip().toLowerCase(Locale.ROOT));
        if (parsed == null) throw new IllegalArgumentException("slipway.aws.%s is '%s'; use a duration such as 500ms, 30s or 2m".formatted(key, text));
        return parsed;
    }

    @Bean(destroyMethod = "close")
    public AwsClients awsClients(AwsSettings settings) {
        return new AwsClients(settings);
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public SsmClient ssmClient(AwsClients clients) {
        return clients.ssm();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public Ec2Client ec2Client(AwsClients clients) {
        return clients.ec2();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public S3Client s3Client(AwsClients clients) {
        return clients.s3();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public EcrClient ecrClient(AwsClients clients) {
        return clients.ecr();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public EcsClient ecsClient(AwsClients clients) {
        return clients.ecs();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public CodeBuildClient codeBuildClient(AwsClients clients) {
        return clients.codeBuild();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public CodePipelineClient codePipelineClient(AwsClients clients) {
        return clients.codePipeline();
    }

    @Bean(destroyMethod = "close")
    @Lazy
    public CloudWatchClient cloudWatchClient(AwsClients clients) {
        return clients.cloudWatch();
    }

    @Bean
    public CloudWatchAlarmGateCheck cloudWatchAlarmGateCheck(@Lazy CloudWatchClient cloudWatch) {
        return new CloudWatchAlarmGateCheck(cloudWatch);
    }

    @Bean
    public EcrArtifactRegistry ecrArtifactRegistry(@Lazy EcrClient ecr, Clock clock) {
        return new EcrArtifactRegistry(ecr, clock);
    }

    @Bean
    public S3BundleStore s3BundleStore(@Lazy S3Client s3) {
        return new S3BundleStore(s3);
    }

    @Bean
    public SsmDeploymentTarget ssmDeploymentTarget(@Lazy SsmClient ssm, @Lazy Ec2Client ec2, EcrArtifactRegistry registry, S3BundleStore bundles,
                                                   CodeBuildTrigger codeBuild, CodePipelineTrigger codePipeline, Clock clock, AwsSettings settings) {
        return new SsmDeploymentTarget(ssm, ec2, registry, bundles, List.of(codeBuild, codePipeline), clock, settings.pollInterval());
    }

    @Bean
    public EcsDeploymentTarget ecsDeploymentTarget(@Lazy EcsClient ecs, EcrArtifactRegistry registry, CodeBuildTrigger codeBuild,
                                                   CodePipelineTrigger codePipeline, Clock clock, AwsSettings settings) {
        return new EcsDeploymentTarget(ecs, registry, List.of(codeBuild, codePipeline), clock, settings.pollInterval());
    }

    @Bean
    public CodeBuildTrigger codeBuildTrigger(@Lazy CodeBuildClient codeBuild, Clock clock, AwsSettings settings) {
        return new CodeBuildTrigger(codeBuild, clock, settings.pollInterval());
    }

    @Bean
    public CodePipelineTrigger codePipelineTrigger(@Lazy CodePipelineClient pipelines, Clock clock, AwsSettings settings) {
        return new CodePipelineTrigger(pipelines, clock, settings.pollInterval());
    }
}
