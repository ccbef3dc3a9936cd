package com.keepwell.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.keepwell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_is_free_of_frameworks = noClasses()
            .that().resideInAPackage("com.keepwell.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "org.apache.kafka..", "io.smallrye..", "org.hibernate..", "jakarta.persistence..",
                    "ai.onnxruntime..", "com.fasterxml.jackson..", "jakarta.ws.rs..", "com.keepwell.infra..",
                    "com.keepwell.scoring..", "com.keepwell.retention..", "com.keepwell.readmodels..");

    @ArchTest
    static final ArchRule scoring_does_not_use_other_services = noClasses()
            .that().resideInAPackage("com.keepwell.scoring..")
            .should().dependOnClassesThat().resideInAnyPackage("com.keepwell.retention..", "com.keepwell.readmodels..",
                    "com.keepwell.platform..");

    @ArchTest
    static final ArchRule retention_does_not_use_other_services = noClasses()
            .that().resideInAPackage("com.keepwell.retention..")
            .should().dependOnClassesThat().resideInAnyPackage("com.keepwell.scoring..", "com.keepwell.readmodels..",
                    "com.keepwell.platform..");

    @ArchTest
    static final ArchRule read_models_do_not_use_other_services = noClasses()
            .that().resideInAPackage("com.keepwell.readmodels..")
            .should().dependOnClassesThat().resideInAnyPackage("com.keepwell.scoring..", "com.keepwell.retention..",
                    "com.keepwell.platform..");

    @ArchTest
    static final ArchRule support_does_not_use_services = noClasses()
            .that().resideInAPackage("com.keepwell.infra..")
            .should().dependOnClassesThat().resideInAnyPackage("com.keepwell.scoring..", "com.keepwell.retention..",
                    "com.keepwell.readmodels..", "com.keepwell.platform..");

    /** Features, text signals, models and training run offline (the model tools) as well as in the service. */
    @ArchTest
    static final ArchRule feature_and_model_code_runs_without_the_container = noClasses()
            .that().resideInAnyPackage("com.keepwell.scoring.features..", "com.keepwell.scoring.text..",
                    "com.keepwell.scoring.model..", "com.keepwell.scoring.training..", "com.keepwell.scoring.inference..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                    "jakarta.inject..", "io.smallrye..", "org.axonframework..", "javax.sql..");
}
