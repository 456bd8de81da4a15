package dev.wsworld.websocket;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin's structure stays readable: no package cycles, no two classes of one package that
 * depend on each other, and no class a newcomer has to read for over 400 lines.
 */
class PackageCyclesTest {
    private static final int MAX_LINES = 400;

    private static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.wsworld.websocket");

    @Test
    void mainCodeHasNoPackageCycles() {
        slices().matching("dev.wsworld.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noTwoClassesOfAPackageDependOnEachOther() {
        Map<String, Set<String>> uses = new HashMap<>();
        for (JavaClass type : MAIN) {
            String from = outermost(type);
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().equals(type.getPackageName())
                        && !outermost(target).equals(from)) {
                    uses.computeIfAbsent(from, k -> new HashSet<>()).add(outermost(target));
                }
            }
        }
        Set<String> mutual = new TreeSet<>();
        uses.forEach(
                (from, targets) ->
                        targets.stream()
                                .filter(to -> uses.getOrDefault(to, Set.of()).contains(from))
                                .forEach(
                                        to ->
                                                mutual.add(
                                                        from.compareTo(to) < 0
                                                                ? from + " <-> " + to
                                                                : to + " <-> " + from)));
        assertEquals(Set.of(), mutual);
    }

    @Test
    void noSourceFileIsOver400Lines() throws IOException {
        List<String> over = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines = Files.readAllLines(file).size();
                if (lines > MAX_LINES) {
                    over.add(file + " (" + lines + " lines)");
                }
            }
        }
        assertEquals(List.of(), over, "split by responsibility, as ClientConnection was");
    }

    private static String outermost(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
