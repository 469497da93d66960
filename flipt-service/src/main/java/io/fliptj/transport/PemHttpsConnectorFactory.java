package io.fliptj.transport;

import static java.util.Objects.requireNonNull;

import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS connector presenting a certificate read from PEM files (Flipt's {@code server.cert_file}
 * and {@code server.cert_key}) instead of a key store file. TLS 1.2 and later, HTTP/1.1, no SNI
 * host check (clients may connect by IP address), as Flipt's HTTPS server.
 */
public final class PemHttpsConnectorFactory extends HttpsConnectorFactory {
    private final PemKeyMaterial keyMaterial;

    private PemHttpsConnectorFactory(PemKeyMaterial keyMaterial) {
        this.keyMaterial = requireNonNull(keyMaterial, "keyMaterial is null");
        setDisableSniHostCheck(true);
        setSupportedProtocols(List.of("TLSv1.2", "TLSv1.3"));
        setValidateCerts(false);
        setValidatePeers(false);
    }

    /** An HTTPS connector with every setting of {@code plain} (host, limits, timeouts, ...) but listening on {@code port}. */
    public static PemHttpsConnectorFactory from(HttpConnectorFactory plain, int port, PemKeyMaterial keyMaterial) {
        PemHttpsConnectorFactory secure = new PemHttpsConnectorFactory(keyMaterial);
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(HttpConnectorFactory.class).getPropertyDescriptors()) {
                if (property.getReadMethod() != null && property.getWriteMethod() != null) {
                    property.getWriteMethod().invoke(secure, property.getReadMethod().invoke(plain));
                }
            }
        } catch (IntrospectionException | IllegalAccessException | InvocationTargetException error) {
            throw new IllegalStateException("cannot copy the HTTP connector's settings: " + error.getMessage(), error);
        }
        secure.setPort(port);
        return secure;
    }

    @Override
    protected SslContextFactory.Server configureSslContextFactory(SslContextFactory factory) {
        SslContextFactory.Server server = (SslContextFactory.Server) factory;
        server.setKeyStore(keyMaterial.keyStore());
        server.setKeyStorePassword(keyMaterial.password());
        server.setKeyManagerPassword(keyMaterial.password());
        server.setIncludeProtocols(getSupportedProtocols().toArray(new String[0]));
        server.setSniRequired(false);
        server.setRenegotiationAllowed(false);
        server.setEndpointIdentificationAlgorithm(null);
        return server;
    }
}
