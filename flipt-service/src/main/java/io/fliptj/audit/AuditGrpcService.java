package io.fliptj.audit;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import io.fliptj.api.audit.AuditServiceGrpc;
import io.fliptj.api.audit.Event;
import io.fliptj.api.audit.ListAuditEventsRequest;
import io.fliptj.api.audit.ListAuditEventsResponse;
import io.fliptj.api.audit.Metadata;
import io.fliptj.auth.ProtoTimes;
import io.grpc.stub.StreamObserver;
import java.time.Instant;

/**
 * {@code flipt.audit.AuditService} ({@code GET /api/v1/audit/events}, also at
 * {@code /internal/v1/audit/events}): the recorded events,
 * newest first, filtered by type, action, status, namespace, actor and time range. Needs admin on
 * every namespace when authorization is on.
 */
public final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {
    private final AuditEventStore store;

    public AuditGrpcService(AuditEventStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> responseObserver) {
        AuditEventStore.Page page = store.list(new AuditEventStore.Query(request.getType(), request.getAction(), request.getStatus(),
                request.getNamespaceKey(), request.getActor(), instant(request.hasSince(), request.getSince()),
                instant(request.hasUntil(), request.getUntil()), request.getLimit(), request.getPageToken()));
        ListAuditEventsResponse.Builder response = ListAuditEventsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.events().forEach(event -> response.addEvents(toProto(event)));
        responseObserver.onNext(response.build());
        responseObserver.onCompleted();
    }

    /** The event as {@code flipt.audit.Event}. */
    static Event toProto(AuditEvent event) {
        Event.Builder proto = Event.newBuilder()
                .setVersion(AuditEvent.VERSION)
                .setType(event.type())
                .setAction(event.action())
                .setMetadata(Metadata.newBuilder().setActor(io.fliptj.api.audit.Actor.newBuilder()
                        .setAuthentication(event.actor().authentication())
                        .setIp(event.actor().ip())
                        .setEmail(event.actor().email())
                        .setName(event.actor().name())
                        .setPicture(event.actor().picture())))
                .setTimestamp(ProtoTimes.toTimestamp(event.timestamp()))
                .setStatus(event.status());
        if (event.payload() != null && event.payload().isObject()) {
            Struct.Builder payload = Struct.newBuilder();
            try {
                JsonFormat.parser().merge(EventJson.write(event.payload(), false), payload);
            } catch (InvalidProtocolBufferException error) {
                throw new IllegalStateException("stored audit payload is not a JSON object", error);
            }
            proto.setPayload(payload);
        }
        return proto.build();
    }

    private static Instant instant(boolean present, com.google.protobuf.Timestamp timestamp) {
        return present ? ProtoTimes.toInstant(timestamp) : null;
    }
}
