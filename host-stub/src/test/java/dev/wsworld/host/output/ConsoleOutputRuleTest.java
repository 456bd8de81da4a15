package dev.wsworld.host.output;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.PrintStream;
import java.io.Writer;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;

/**
 * World text reaches the console only through {@link Line} and {@link Shown}: outside this package,
 * no code of the host stub may print (a {@code PrintStream}, a {@code Writer}, JLine's {@code
 * printAbove} or its terminal's writer, {@code System.out}/{@code System.err}, a stack trace to
 * standard error). A new {@code println} anywhere else fails the build, with its place.
 */
class ConsoleOutputRuleTest {
    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.wsworld.host");

    private static final String OUTPUT = "dev.wsworld.host.output..";

    /** A call or field read that writes text somewhere a person reads it. */
    private static final DescribedPredicate<JavaAccess<?>> PRINTING =
            new DescribedPredicate<>("print text") {
                @Override
                public boolean test(JavaAccess<?> access) {
                    var owner = access.getTargetOwner();
                    String name = access.getName();
                    boolean writes =
                            name.startsWith("print")
                                    || name.equals("write")
                                    || name.equals("append")
                                    || name.equals("format");
                    if (owner.isAssignableTo(PrintStream.class)
                            || owner.isAssignableTo(Writer.class)) {
                        return writes;
                    }
                    if (owner.isAssignableTo(LineReader.class)) {
                        return name.equals("printAbove");
                    }
                    if (owner.isAssignableTo(Terminal.class)) {
                        return name.equals("writer") || name.equals("output");
                    }
                    if (owner.isEquivalentTo(System.class)) {
                        return name.equals("out") || name.equals("err") || name.equals("setErr");
                    }
                    if (owner.isAssignableTo(Throwable.class)
                            && access instanceof JavaMethodCall call) {
                        // to standard error, raw: a trace to a writer of ours is shown line by line
                        return name.equals("printStackTrace")
                                && call.getTarget().getRawParameterTypes().isEmpty();
                    }
                    return false;
                }
            };

    @Test
    void onlyTheOutputPackagePrints() {
        noClasses()
                .that()
                .resideOutsideOfPackage(OUTPUT)
                .should()
                .accessTargetWhere(PRINTING)
                .because(
                        "world text must reach a terminal escaped and bounded: show a Line on a"
                                + " Screen instead")
                .check(MAIN);
    }
}
