package dev.slipway.adapter.aws;

import dev.slipway.application.port.out.OutsideSystemFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.function.Supplier;

/**
 * Runs one SDK call (which the SDK itself retries) and turns what it throws into {@link OutsideSystemFailure}, so
 * that no SDK exception crosses a port. Messages carry AWS's error code and message, never request headers or keys.
 */
final class AwsCall {

    private AwsCall() {
    }

    static <T> T run(String system, String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(system, action, e);
        }
    }

    static OutsideSystemFailure failure(String system, String action, SdkException e) {
        return switch (e) {
            case AwsServiceException service -> {
                String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
                String message = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorMessage();
                boolean retryable = service.isThrottlingException() || service.statusCode() >= 500 || service.retryable();
                yield new OutsideSystemFailure(system, action, retryable, "%s (HTTP %d%s)%s".formatted(
                        code == null || code.isBlank() ? "error" : code, service.statusCode(),
                        retryable ? ", still failing after the SDK's retries" : "",
                        message == null || message.isBlank() ? "" : ": " + message));
            }
            case ApiCallTimeoutException timeout -> new OutsideSystemFailure(system, action, true, "no answer within the API call timeout");
            case AbortedException aborted -> new OutsideSystemFailure(system, action, true, "the call was interrupted");
            case SdkClientException client -> new OutsideSystemFailure(system, action, true,
                    "could not reach AWS (%s)".formatted(firstLine(client.getMessage())));
            default -> new OutsideSystemFailure(system, action, e.retryable(), firstLine(e.getMessage()));
        };
    }

    private static String firstLine(String text) {
        if (text == null) return "no detail";
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
