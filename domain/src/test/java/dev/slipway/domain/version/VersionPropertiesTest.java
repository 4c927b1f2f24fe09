package dev.slipway.domain.version;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionPropertiesTest {

    @Provide
    Arbitrary<Version> versions() {
        var component = Arbitraries.integers().between(0, 100_000).edgeCases(c -> c.add(0, 9, 10, 99, 100));
        return net.jqwik.api.Combinators.combine(component, component, component).as(Version::new);
    }

    @Provide
    Arbitrary<List<Version>> versionLists() {
        return versions().list().ofMinSize(0).ofMaxSize(50);
    }

    @Provide
    Arbitrary<TagPattern> patterns() {
        return Arbitraries.of("{version}", "{version}-dev", "v{version}", "release/{version}", "{version}-rc.preview", "api-v{version}-prod")
                .map(TagPattern::of);
    }

    @Property
    void formattingThenParsingGivesTheSameVersion(@ForAll("versions") Version version) {
        assertThat(Version.parse(version.toString())).isEqualTo(version);
    }

    @Property
    void aTagParsesBackToItsVersionUnderItsOwnPattern(@ForAll("versions") Version version, @ForAll("patterns") TagPattern pattern) {
        assertThat(pattern.parse(pattern.format(version))).contains(version);
        assertThat(pattern.parseInput(pattern.format(version))).isEqualTo(version);
        assertThat(pattern.parseInput(version.toString())).isEqualTo(version);
    }

    @Property
    void orderingIsNumericPerComponentLikeGitsVersionSort(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        Comparator<Version> byComponents = Comparator.comparingInt(Version::major).thenComparingInt(Version::minor).thenComparingInt(Version::patch);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(byComponents.compare(a, b)));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
    }

    @Property
    void everyBumpIsGreaterThanWhereItStarted(@ForAll("versions") Version version) {
        assertThat(version.nextPatch()).isGreaterThan(version);
        assertThat(version.nextMinor()).isGreaterThan(version.nextPatch());
        assertThat(version.nextMajor()).isGreaterThan(version.nextMinor());
        assertThat(version.nextMinor().patch()).isZero();
        assertThat(version.nextMajor().minor()).isZero();
    }

    @Property
    void latestPicksTheGreatestVersionAmongTagsOfThePatternAndIgnoresOthers(@ForAll("versionLists") List<Version> versions,
                                                                           @ForAll @IntRange(min = 0, max = 5) int noise) {
        TagPattern dev = TagPattern.of("{version}-dev");
        List<String> tags = new ArrayList<>();
        versions.forEach(v -> tags.add(dev.format(v)));
        for (int i = 0; i < noise; i++) tags.add("v9999.0." + i);
        tags.add("9999.0.0-devx");
        tags.add("latest-dev");

        assertThat(dev.latest(tags)).isEqualTo(versions.stream().max(Comparator.naturalOrder()));
    }

    @Property
    void textThatIsNotThreeNumbersIsRefused(@ForAll("notVersions") String text) {
        assertThatThrownBy(() -> Version.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAJOR.MINOR.PATCH");
        assertThat(TagPattern.of("{version}").parse(text)).isEmpty();
    }

    @Provide
    Arbitrary<String> notVersions() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-dev", "v1.2.3", " 1.2.3", "1.2.3 ", "1..3",
                        "-1.2.3", "1.2.-3", "1.2.x", "1,2,3", "9999999999.0.0", "1.2.3\n", "1.2.3;rm -rf /", "$(id).1.2"),
                Arbitraries.strings().withChars("0123456789.").ofMinLength(0).ofMaxLength(12)
                        .filter(s -> !s.matches("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})")));
    }
}
