package com.keepwell.modeltools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.keepwell.domain.storefront.StorefrontEventData;
import com.keepwell.scoring.ingest.ParsedEvent;
import com.keepwell.scoring.ingest.StorefrontEventParser;
import com.keepwell.simulator.CloudEvents;
import com.keepwell.simulator.RecordedEvents;

/**
 * A recorded event file (CloudEvents, or the CDNOW export) as the platform would record it: every line is read
 * and validated by the ingestion's parser, becomes its command on the in-memory {@code Customer} aggregate, and
 * the recorded domain events go to {@code sink}. Invalid lines are counted, as ingestion would dead-letter them.
 */
final class RecordedHistory {

    private RecordedHistory() {
    }

    static void replay(Path file, Consumer<Object> domainEvents, PrintStream progress) {
        List<RecordedEvents.Recorded> recorded = RecordedEvents.read(file, "replay");
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        StorefrontEventParser parser = new StorefrontEventParser(CloudEvents.JSON, validator, Duration.ofMinutes(5),
                Clock.systemUTC());
        long invalid = 0;
        try (OfflineCustomers customers = new OfflineCustomers(domainEvents)) {
            for (RecordedEvents.Recorded r : recorded) {
                ParsedEvent parsed = parser.parse(r.cloudEvent());
                if (!parsed.isValid() || !(parsed.event().data() instanceof StorefrontEventData data)) {
                    invalid++;
                    continue;
                }
                customers.record(data.toCommand(parsed.event().header()));
            }
            progress.printf("  %s: %,d events read, %,d invalid, %,d refused by the aggregate%n", file.getFileName(),
                    recorded.size(), invalid, customers.refused());
        }
    }
}
