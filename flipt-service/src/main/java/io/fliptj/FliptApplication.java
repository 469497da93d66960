package io.fliptj;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.migrations.MigrationsBundle;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.fliptj.api.Namespace;
import io.fliptj.audit.AuditModule;
import io.fliptj.auth.AuthenticationModule;
import io.fliptj.auth.config.AuthenticationFactory;
import io.fliptj.auth.jwt.JwtAuthenticators;
import io.fliptj.authz.AuthorizationModule;
import io.fliptj.cli.EnvironmentOverrides;
import io.fliptj.cli.StartupErrors;
import io.fliptj.config.FliptServerFactory;
import io.fliptj.cli.ExportCommand;
import io.fliptj.cli.ImportCommand;
import io.fliptj.cli.ValidateCommand;
import io.fliptj.config.DatabaseUrl;
import io.fliptj.config.StorageFactory;
import io.fliptj.evaluation.NamespaceSnapshots;
import io.fliptj.grpc.CallMetadata;
import io.fliptj.grpc.DataGrpcService;
import io.fliptj.grpc.EvaluationGrpcService;
import io.fliptj.grpc.FliptGrpcService;
import io.fliptj.grpc.FliptServiceDefinition;
import io.fliptj.grpc.LegacyEvaluation;
import io.fliptj.grpc.validation.RequestValidator;
import io.fliptj.grpc.validation.ValidationInterceptor;
import io.fliptj.storage.PageRequest;
import io.fliptj.storage.ReadOnlyStores;
import io.fliptj.storage.Stores;
import io.fliptj.storage.declarative.DeclarativeStorage;
import io.fliptj.storage.sql.Migrations;
import io.fliptj.storage.sql.SqlAuthenticationStores;
import io.fliptj.storage.sql.SqlStores;
import io.fliptj.transport.TransportModule;
import io.fliptj.telemetry.TelemetryModule;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.jdbi.v3.core.Jdbi;
import io.fliptj.grpc.ErrorInterceptor;
import io.fliptj.grpc.GrpcServer;
import io.fliptj.grpc.InMemoryMethods;
import io.fliptj.health.GrpcServerHealthCheck;
import io.fliptj.health.HealthServlet;
import io.fliptj.meta.MetaGrpcService;
import io.fliptj.meta.ServerInfo;
import io.fliptj.ofrep.OfrepGrpcService;
import io.fliptj.rest.RouteTable;
import io.fliptj.rest.TranscodingServlet;
import io.fliptj.rest.UiServlet;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.util.List;
import java.util.function.Predicate;

/** The server: gRPC on {@code grpc.port}, REST and the UI on the HTTP port, admin on the admin port. */
public final class FliptApplication extends Application<FliptConfiguration> {
    private volatile GrpcServer grpcServer;

    public static void main(String[] args) throws Exception {
        EnvironmentOverrides.apply(System.getenv());
        Migrations.disableLiquibaseNetworkFeatures();
        new FliptApplication().run(args);
    }

    /** The running gRPC server, once {@link #run} has wired it (tests read its bound port). */
    public GrpcServer grpcServer() {
        return grpcServer;
    }

    /** Start-up failures end with one line saying what went wrong, after the full trace. */
    @Override
    protected void onFatalError(Throwable error) {
        System.err.println("flipt: cannot start: " + StartupErrors.describe(error));
        System.exit(1);
    }

    @Override
    public String getName() {
        return "flipt";
    }

    @Override
    public void initialize(Bootstrap<FliptConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        FliptServerFactory.registerAsDefault(bootstrap.getObjectMapper());
        bootstrap.addCommand(new ImportCommand());
        bootstrap.addCommand(new ExportCommand());
        bootstrap.addCommand(new ValidateCommand());
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(FliptConfiguration configuration) {
                return configuration.getDatabase().toDataSourceFactory();
            }

            @Override
            public String getMigrationsFileName() {
                return Migrations.CHANGELOG;
            }
        });
    }

    @Override
    public void run(FliptConfiguration configuration, Environment environment) throws Exception {
        environment.jersey().disable();
        environment.getApplicationContext().getServletHandler().setDecodeAmbiguousURIs(true);
        TransportModule transport = new TransportModule(configuration.getServerFactory(), configuration.getCors());

        DatabaseUrl databaseUrl = configuration.getDatabase().parsedUrl();
        DataSourceFactory dataSourceFactory = configuration.getDatabase().toDataSourceFactory();
        if (configuration.getDatabase().isAutoMigrate()) {
            ManagedDataSource migrationSource = dataSourceFactory.build(environment.metrics(), "migrations");
            try {
                Migrations.migrate(migrationSource);
            } finally {
                migrationSource.stop();
            }
        }
        TelemetryModule telemetry = new TelemetryModule(configuration.getMetrics(), configuration.getTracing(), ServerInfo.VERSION, environment);
        Jdbi jdbi = new JdbiFactory().build(environment, dataSourceFactory, "database");
        telemetry.instrumentDatabase(jdbi, databaseUrl.dialect());
        Stores databaseStores = SqlStores.create(jdbi, databaseUrl.dialect());
        Stores stores = configuration.getStorage().isReadOnly() ? ReadOnlyStores.wrap(databaseStores) : databaseStores;
        boolean declarative = configuration.getStorage().getType() != StorageFactory.Type.DATABASE;
        if (declarative) {
            DeclarativeStorage declarativeStorage = DeclarativeStorage.open(configuration.getStorage(), Clock.systemUTC());
            environment.lifecycle().manage(declarativeStorage);
            stores = declarativeStorage.stores();
        }

        NamespaceSnapshots snapshots = new NamespaceSnapshots(stores.evaluation(), Duration.ofMillis(500),
                telemetry.evaluationObserver(), telemetry.snapshotListener());
        snapshots.preload(stores.namespaces().listNamespaces(PageRequest.all()).items().stream().map(Namespace::getKey).toList());
        environment.lifecycle().manage(snapshots);
        SqlStores.changeFeed(jdbi, databaseUrl.dialect()).filter(feed -> !declarative).ifPresent(feed -> environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                feed.start(snapshots::refresh);
            }

            @Override
            public void stop() {
                feed.close();
            }
        }));

        Clock clock = Clock.systemUTC();
        AuthenticationFactory authenticationConfig = configuration.getAuthentication();
        SqlAuthenticationStores.Stores authenticationStores = SqlAuthenticationStores.create(jdbi, databaseUrl.dialect(), clock);
        AuditModule audit = new AuditModule(configuration.getAudit(), authenticationStores.auditEvents(), clock, environment);
        AuthenticationModule authentication = new AuthenticationModule(authenticationConfig,
                authenticationStores.authentications(), authenticationStores.lock(), audit.tokenEvents(),
                JwtAuthenticators.create(authenticationConfig.getMethods().getJwt(), clock), clock);

        List<BindableService> services = new ArrayList<>(List.of(
                FliptServiceDefinition.combine(new FliptGrpcService(stores, snapshots), new LegacyEvaluation(snapshots)),
                new EvaluationGrpcService(snapshots),
                new DataGrpcService(snapshots),
                new OfrepGrpcService(snapshots, 1000),
                new MetaGrpcService(environment.getObjectMapper(),
                        ServerInfo.info(configuration), ServerInfo.configuration(configuration))));
        services.addAll(authentication.services());
        services.addAll(audit.services());
        // outermost first: telemetry, errors, call metadata, authentication, audit, authorization, validation (Flipt's order)
        List<ServerInterceptor> interceptors = new ArrayList<>(telemetry.grpcInterceptors());
        interceptors.add(new ErrorInterceptor());
        interceptors.add(new CallMetadata());
        authentication.interceptor().ifPresent(interceptors::add);
        audit.interceptor().ifPresent(interceptors::add);
        new AuthorizationModule(configuration.getAuthorization(), authenticationConfig.getExclude(), audit.denialListener())
                .interceptor(environment).ifPresent(interceptors::add);
        interceptors.add(new ValidationInterceptor(new RequestValidator()));
        // Calls served from memory skip the hand-off to the call executor, unless authentication (which looks
        // tokens up in the database) is part of every call.
        Predicate<String> runsOnTransportThread = authenticationConfig.isRequired() ? method -> false : InMemoryMethods::contains;
        GrpcServer grpcServer = new GrpcServer(configuration.getGrpc(), services, interceptors, runsOnTransportThread,
                transport.grpcCredentials());
        this.grpcServer = grpcServer;
        environment.lifecycle().manage(grpcServer);
        authentication.bootstrap();
        environment.lifecycle().manage(authentication.cleanup());
        environment.healthChecks().register("grpc", new GrpcServerHealthCheck(grpcServer));

        RouteTable routes = RouteTable.fromServices(grpcServer.services());
        String[] apiPaths = {"/api/v1/*", "/evaluate/v1/*", "/auth/v1/*", "/internal/v1/*", "/ofrep/*", "/meta/*"};
        transport.register(environment, grpcServer);
        telemetry.registerHttp(environment, snapshots);
        authentication.registerFilters(environment, apiPaths);
        environment.servlets()
                .addServlet("api", new TranscodingServlet(routes, grpcServer.inProcessChannel(), configuration.getHttp().getMaxRequestBodyBytes()))
                .addMapping(apiPaths);
        environment.servlets().addServlet("health", new HealthServlet(grpcServer.inProcessChannel())).addMapping("/health");
        if (configuration.getHttp().isUiEnabled()) {
            environment.servlets().addServlet("ui", new UiServlet()).addMapping("/");
        }
    }
}
