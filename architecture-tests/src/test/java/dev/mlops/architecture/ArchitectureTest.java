package dev.mlops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layering that {@code DESIGN.md} describes, as rules over the library modules' classes (tests
 * excluded). Each rule is written as the design's sentence, so a failure reads as the rule broken.
 */
@AnalyzeClasses(packages = "dev.mlops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A stage is a package with its {@code internal} sub-packages: {@code dev.mlops.core.data} and {@code dev.mlops.core.data.internal}. */
    private static String stageOf(String packageName) {
        return packageName.replaceAll("\\.internal(\\..*)?$", "");
    }

    @ArchTest
    static final ArchRule apiUsesOnlyTheJdk = classes().that().resideInAPackage("dev.mlops.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.mlops.api..", "java..")
            .as("mlops-api uses nothing outside the JDK");

    @ArchTest
    static final ArchRule internalsStayInTheirStage = classes()
            .that().resideInAPackage("dev.mlops..")
            .should(new ArchCondition<JavaClass>("use a stage's internal package only from within that stage") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                        String target = dependency.getTargetClass().getPackageName();
                        if (target.startsWith("dev.mlops.") && target.contains(".internal")
                                && !item.getPackageName().startsWith(stageOf(target))) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            }).as("no package outside a stage uses that stage's internal package");

    @ArchTest
    static final ArchRule stagesFormNoCycle = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String name = javaClass.getPackageName();
                    return name.startsWith("dev.mlops") ? SliceIdentifier.of(stageOf(name)) : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                    return "the stages of dev.mlops";
                }
            }).should().beFreeOfCycles()
            .as("there is no cycle between dev.mlops packages");

    @ArchTest
    static final ArchRule trackingIsFreeOfMlBackends = noClasses()
            .that().resideInAPackage("dev.mlops.tracking..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.mlops.core..", "org.tribuo..", "smile..",
                    "ml.dmlc..", "org.apache.commons.csv..")
            .as("mlops-tracking uses neither mlops-core nor an ML backend");

    @ArchTest
    static final ArchRule publicSignaturesKeepLibrariesOut = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
            .methods().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("dev.mlops..")
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .and().areDeclaredInClassesThat().arePublic()
            .should(new ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
                    "take and return no Jackson, Tribuo or Smile type") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaMethod method, ConditionEvents events) {
                    java.util.List<JavaClass> types = new java.util.ArrayList<>(method.getRawParameterTypes());
                    types.add(method.getRawReturnType());
                    for (JavaClass type : types) {
                        String name = type.getBaseComponentType().getPackageName();
                        if (name.startsWith("com.fasterxml.jackson") || name.startsWith("org.tribuo")
                                || name.startsWith("smile")) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " exposes "
                                    + type.getName()));
                        }
                    }
                }
            })
            .as("no public signature outside an internal package exposes a Jackson, Tribuo or Smile type");

    @ArchTest
    static final ArchRule libraryCodeDoesNotPrint = noClasses()
            .that().resideInAPackage("dev.mlops..")
            .and().doNotHaveFullyQualifiedName("dev.mlops.core.train.ConsoleProgress")
            .and().doNotHaveFullyQualifiedName("dev.mlops.tracking.postgres.CopyStore")
            .and().doNotHaveFullyQualifiedName("dev.mlops.reports.BrowseStore")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .as("library code does not call System.out or System.err (it logs through SLF4J; only"
                    + " ConsoleProgress and the CopyStore and BrowseStore commands, whose job is printing, may)");
}
