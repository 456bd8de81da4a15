package dev.wsworld.common;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every package of this module's main code is its own slice, and no two slices depend on each other
 * both ways.
 */
class PackageCyclesTest {
    @Test
    void mainCodeHasNoPackageCycles() {
        JavaClasses main =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.wsworld.common");
        slices().matching("dev.wsworld.(**)").should().beFreeOfCycles().check(main);
    }
}
