package dev.slipway.bootstrap;

import dev.slipway.adapter.aws.AwsConfiguration;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AWS adapters (the {@code ec2-ssm} and {@code ecs} targets, ECR, S3, CodeBuild, CodePipeline), wired only when
 * slipway.yml has an environment on one of those targets, or a CloudWatch alarm gate. Building them makes the JVM load some three thousand AWS SDK
 * classes, seconds of every command that a Slipway deploying only to the {@code local} target should not pay.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AwsAdapterConfiguration.UsesAws.class)
@Import(AwsConfiguration.class)
public class AwsAdapterConfiguration {

    static final Set<String> AWS_TARGETS = Set.of("ec2-ssm", "ecs");
    private static final Pattern TARGET_TYPE = Pattern.compile("slipway\\.services\\.[^.]+\\.environments\\.[^.]+\\.target\\.type");
    private static final Pattern ALARM_GATE = Pattern.compile("slipway\\.services\\.[^.]+\\.environments\\.[^.]+\\.gates\\.cloudwatch-alarms(\\[\\d+])?");

    /** Whether some environment in the configuration file names an AWS target type or a CloudWatch alarm gate. */
    static final class UsesAws implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (!(context.getEnvironment() instanceof ConfigurableEnvironment environment)) return false;
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (!(source instanceof EnumerablePropertySource<?> names)) continue;
                for (String name : names.getPropertyNames()) {
                    if (TARGET_TYPE.matcher(name).matches() && AWS_TARGETS.contains(String.valueOf(names.getProperty(name)).strip())) return true;
                    if (ALARM_GATE.matcher(name).matches()) return true;
                }
            }
            return false;
        }
    }
}
