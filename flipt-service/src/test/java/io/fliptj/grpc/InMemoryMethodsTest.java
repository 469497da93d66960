package io.fliptj.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fliptj.api.FliptGrpc;
import io.fliptj.api.auth.AuthenticationServiceGrpc;
import io.fliptj.api.evaluation.DataServiceGrpc;
import io.fliptj.api.evaluation.EvaluationServiceGrpc;
import io.fliptj.api.ofrep.OFREPServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The methods that may run on the transport thread are exactly the in-memory ones, named as the protos name them. */
class InMemoryMethodsTest {
    private static Stream<String> names(ServiceDescriptor service) {
        return service.getMethods().stream().map(MethodDescriptor::getFullMethodName);
    }

    @Test
    void everyEvaluationAndSnapshotMethodIsInMemory() {
        List<String> methods = Stream.of(EvaluationServiceGrpc.getServiceDescriptor(), DataServiceGrpc.getServiceDescriptor(),
                OFREPServiceGrpc.getServiceDescriptor()).flatMap(InMemoryMethodsTest::names).toList();

        assertThat(methods).isNotEmpty().allMatch(InMemoryMethods::contains);
    }

    @Test
    void ofTheManagementServiceOnlyTheLegacyEvaluationsAreInMemory() {
        assertThat(names(FliptGrpc.getServiceDescriptor()).filter(InMemoryMethods::contains))
                .containsExactlyInAnyOrder("flipt.Flipt/Evaluate", "flipt.Flipt/BatchEvaluate");
        assertThat(names(AuthenticationServiceGrpc.getServiceDescriptor()).filter(InMemoryMethods::contains)).isEmpty();
        assertThat(InMemoryMethods.contains("flipt.evaluation.EvaluationServiceX/Variant")).isFalse();
        assertThat(InMemoryMethods.contains("")).isFalse();
    }
}
