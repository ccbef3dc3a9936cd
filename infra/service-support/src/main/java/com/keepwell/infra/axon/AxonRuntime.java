package com.keepwell.infra.axon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationParameterResolverFactory;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keepwell.domain.customer.Customer;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one Axon configuration of this process. It registers the {@code Customer} aggregate (every process that
 * sends customer commands handles them itself, against the shared event store) and every CDI bean whose class
 * carries {@code @ProcessingGroup}, as event handler and, where it has {@code @QueryHandler} methods, as query
 * handler (events of one customer in sequence; all events in one sequence for {@link SequentialProcessing} beans).
 * Storage is PostgreSQL through JDBC: events, tokens and sagas, in tables Flyway creates. Aggregates are cached;
 * sagas (declared by {@link SagaDeclaration} beans) run in their own processors from the head of the stream, take
 * CDI beans as handler parameters, and schedule deadlines through db-scheduler in PostgreSQL, so a restart loses
 * none. A cached aggregate another process wrote to meanwhile fails to append (duplicate sequence number, mapped to
 * a retryable {@code ConcurrencyException}), its cache entry is dropped, and the retry reloads it.
 *
 * <p>Handler beans must be {@code @io.quarkus.arc.Unremovable}: nothing injects them, and ArC would drop them.
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);
    private static final Duration PROCESSOR_STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Configuration configuration;
    private boolean stopped;

    @Inject
    AxonRuntime(DataSource dataSource, jakarta.transaction.TransactionManager jta, ObjectMapper objectMapper,
            BeanManager beanManager,
            @ConfigProperty(name = "keepwell.axon.processor.batch-size", defaultValue = "100") int batchSize,
            @ConfigProperty(name = "keepwell.axon.processor.segments", defaultValue = "4") int segments,
            @ConfigProperty(name = "keepwell.axon.saga.batch-size", defaultValue = "1") int sagaBatchSize,
            @ConfigProperty(name = "keepwell.axon.command.max-retries", defaultValue = "5") int maxRetries,
            @ConfigProperty(name = "keepwell.axon.aggregate-cache.max-entries", defaultValue = "20000")
            long cacheEntries,
            @ConfigProperty(name = "keepwell.axon.aggregate-cache.expire-after-access", defaultValue = "10m")
            Duration cacheIdle,
            @ConfigProperty(name = "keepwell.axon.snapshot-after-events", defaultValue = "250") int snapshotEvery,
            @ConfigProperty(name = "keepwell.axon.deadlines.polling-interval", defaultValue = "10s")
            Duration deadlinePolling,
            @ConfigProperty(name = "keepwell.axon.deadlines.threads", defaultValue = "2") int deadlineThreads,
            @ConfigProperty(name = "keepwell.axon.processors.disabled") Optional<List<String>> disabledProcessors,
            Instance<SagaDeclaration> sagas) {
        System.setProperty("disable-axoniq-console-message", "true");
        TransactionManager transactions = new JtaTransactionManager(jta);
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(objectMapper.copy())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .build();
        ConnectionProvider connections = dataSource::getConnection;
        Serializer snapshots = snapshotSerializer(objectMapper);
        // PostgreSQL's duplicate (aggregate, sequence) key must surface as a retryable ConcurrencyException
        PersistenceExceptionResolver duplicateKeyIsConcurrency = new SQLStateResolver();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .snapshotSerializer(snapshots)
                // a snapshot written by an older Customer class is passed over: the events are replayed instead;
                // the filter matches the type as stored, the aggregate model's name (Class#getName would not match)
                .snapshotFilter(RevisionSnapshotFilter.builder()
                        .type(AnnotatedAggregateMetaModelFactory.inspectAggregate(Customer.class).type())
                        // read from the class, not the constant: javac copies a constant into this class, and an
                        // incremental build that does not recompile it would keep filtering for the old revision
                        .revision(Customer.class.getAnnotation(Revision.class).value()).build())
                .eventSerializer(serializer)
                .persistenceExceptionResolver(duplicateKeyIsConcurrency)
                .build();

        Set<String> disabled = new TreeSet<>(disabledProcessors.orElse(List.of()));
        // deadlines are saga deadlines: an instance that leaves a saga to others must not fire (and so drop) them
        boolean runsEverySaga = sagas.stream().noneMatch(saga -> disabled.contains(processorOf(saga)));
        AtomicReference<DbSchedulerDeadlineManager> deadlines = new AtomicReference<>();
        Scheduler deadlineScheduler = Scheduler.create(dataSource, DbSchedulerDeadlineManager.binaryTask(deadlines::get))
                .pollingInterval(deadlinePolling)
                .threads(deadlineThreads)
                .build();

        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureTransactionManager(c -> transactions)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> engine)
                .registerComponent(ParameterResolverFactory.class, c -> MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(AxonRuntime.class),
                        new ConfigurationParameterResolverFactory(c),
                        new CdiParameterResolverFactory()))
                .registerComponent(DeadlineManager.class, c -> {
                    DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                            .scheduler(deadlineScheduler)
                            .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                            .serializer(c.serializer())
                            .transactionManager(transactions)
                            .startScheduler(runsEverySaga)
                            .stopScheduler(true)
                            .build();
                    deadlines.set(manager);
                    return manager;
                })
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Customer.class)
                        .configureCache(c -> new CaffeineCache(cacheEntries, cacheIdle))
                        // a customer's stream grows for ever (a risk assessment a day): a load reads the latest
                        // snapshot and the events after it (snapshots of another revision: see the engine)
                        .configureSnapshotTrigger(c -> snapshotEvery > 0
                                ? new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotEvery)
                                : NoSnapshotTriggerDefinition.INSTANCE))
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus())
                        .retryScheduler(IntervalRetryScheduler.builder()
                                .retryExecutor(Executors.newSingleThreadScheduledExecutor(task -> {
                                    Thread thread = new Thread(task, "axon-command-retry");
                                    thread.setDaemon(true);
                                    return thread;
                                }))
                                .retryInterval(50)
                                .maxRetryCount(maxRetries)
                                .build())
                        .build());
        Set<String> declared = new TreeSet<>();
        configurer.eventProcessing(processing -> {
            // a projection must never skip an event: a failing handler fails the batch, which is retried
            processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            processing.usingPooledStreamingEventProcessors((c, builder) -> builder
                    .batchSize(batchSize)
                    .initialSegmentCount(segments));
            processing.registerTokenStore(c -> JdbcTokenStore.builder()
                    .connectionProvider(connections)
                    .serializer(serializer)
                    .build());
            processing.registerSagaStore(c -> JdbcSagaStore.builder()
                    .connectionProvider(connections)
                    .sqlSchema(new PostgresSagaSqlSchema())
                    .serializer(serializer)
                    .build());
            for (SagaDeclaration saga : sagas) {
                // a saga reacts to what happens from now on: a new deployment must not act on years of history.
                // One event per unit of work: a saga sends commands to its customer, and the aggregate's lock is held
                // until the unit of work ends. A batch would lock several customers in event order while ingestion,
                // the session condenser and the scorer lock them in id order, and the two deadlock (reproduced in the
                // embedded platform within minutes; Axon detected it and the batch was retried).
                String processor = processorOf(saga);
                declared.add(processor);
                if (disabled.contains(processor)) {
                    continue;
                }
                registerSaga(processing, saga);
                processing.registerPooledStreamingEventProcessor(processor, Configuration::eventStore,
                        (c, builder) -> builder.batchSize(sagaBatchSize)
                                .initialSegmentCount(segments)
                                .initialToken(StreamableMessageSource::createHeadToken));
            }
            for (Class<?> type : processingGroupTypes(beanManager)) {
                Object handler = Arc.container().instance(type).get();
                String group = type.getAnnotation(ProcessingGroup.class).value();
                declared.add(group);
                // a disabled processor's tables still answer queries here; another instance keeps them current
                configurer.registerQueryHandler(c -> handler);
                if (disabled.contains(group)) {
                    continue;
                }
                processing.registerEventHandler(c -> handler);
                if (type.isAnnotationPresent(SequentialProcessing.class)) {
                    processing.registerSequencingPolicy(group, c -> new SequentialPolicy());
                }
            }
        });
        if (!disabled.isEmpty()) {
            Set<String> off = new TreeSet<>(disabled);
            off.retainAll(declared);
            Set<String> unknown = new TreeSet<>(disabled);
            unknown.removeAll(declared);
            LOG.infof("Event processors not run by this instance (keepwell.axon.processors.disabled): %s%s", off,
                    runsEverySaga ? "" : "; saga deadlines fire in the instances that run the sagas");
            if (!unknown.isEmpty()) {
                // one setting may serve several applications; a name another application runs is not an error
                LOG.warnf("keepwell.axon.processors.disabled names %s, which this application does not have; its"
                        + " processors are %s", unknown, declared);
            }
        }
        configuration = configurer.buildConfiguration();
        // fetched before start, so the deadline manager's lifecycle starts and stops the scheduler with Axon
        configuration.deadlineManager();
        configuration.start();
        LOG.infof("Axon started: processors %s", configuration.eventProcessingConfiguration().eventProcessors()
                .keySet());
    }

    /**
     * Registers the saga with a manager that shows its declaration every event of a handled type it reads, and
     * passes over those the declaration calls irrelevant.
     */
    static <T> void registerSaga(EventProcessingConfigurer processing, SagaDeclaration declaration) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) declaration.sagaType();
        processing.registerSaga(type, saga -> saga.configureSagaManager(
                c -> FilteredSagaManager.of(c, type, declaration)));
    }

    private static String processorOf(SagaDeclaration saga) {
        return saga.sagaType().getSimpleName() + "Processor";
    }

    private static List<Class<?>> processingGroupTypes(BeanManager beanManager) {
        return beanManager.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(Bean::getBeanClass)
                .filter(type -> type.isAnnotationPresent(ProcessingGroup.class))
                .distinct()
                .toList();
    }

    void onStart(@Observes StartupEvent event) {
        // touching the bean is enough: the constructor builds and starts Axon before the first request
    }

    /**
     * First in shutdown, while the datasource and Hibernate are still open: stops the event processors. Command
     * handling (and the deadline scheduler, whose deadlines end in commands) stays up, because the Kafka consumers
     * still deliver until SmallRye stops them (priority 50 of {@code @BeforeDestroyed(ApplicationScoped)}); stopped
     * here too, every batch they delivered meanwhile failed with "no handler for command" until the channel gave up.
     */
    void onStop(@Observes ShutdownEvent event) {
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        configuration.eventProcessingConfiguration().eventProcessors().values()
                .forEach(processor -> stopping.add(processor.shutdownAsync()));
        try {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(PROCESSOR_STOP_TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("event processors did not stop cleanly within %s: %s", PROCESSOR_STOP_TIMEOUT, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rest of Axon, command handling included, once the messaging connectors have stopped. */
    void onConnectorsStopped(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(100)
            @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            configuration.shutdown();
        }
    }

    /**
     * Snapshots hold the aggregate's own state, which has no getters: the serializer reads and writes fields. The
     * events' serializer stays as it is (events are records, read and written through their components).
     */
    public static Serializer snapshotSerializer(ObjectMapper objectMapper) {
        ObjectMapper fields = objectMapper.copy()
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder()
                .objectMapper(fields)
                .classLoader(Thread.currentThread().getContextClassLoader())
                .build();
    }

    public Configuration configuration() {
        return configuration;
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    @Produces
    @Singleton
    QueryGateway queryGateway() {
        return configuration.queryGateway();
    }

    @Produces
    @Singleton
    EventGateway eventGateway() {
        return configuration.eventGateway();
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return configuration.eventStore();
    }

    @Produces
    @Singleton
    TransactionManager axonTransactionManager() {
        return configuration.getComponent(TransactionManager.class);
    }
}
