using CsCheck;
using Shouldly;
using Xunit;

namespace Tidu.Domain.Tests;

public sealed class CreditCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    [Theory]
    [InlineData("91420111D5QA4XFD1C")]
    [InlineData("91330108NKYBERXPBK")]
    [InlineData("91350100M000100Y43")]
    public void Known_valid_codes_are_valid(string code)
    {
        CreditCode.Validate(code).ShouldBeNull();
        CreditCode.IsValid(code).ShouldBeTrue();
        CreditCode.CheckCharacter(code.AsSpan(0, 17)).ShouldBe(code[17]);
    }

    [Theory]
    [InlineData("91420111D5QA4XFD1C")]
    [InlineData("91330108NKYBERXPBK")]
    [InlineData("91350100M000100Y43")]
    public void Every_other_check_character_is_rejected_with_a_check_character_reason(string code)
    {
        foreach (var c in Alphabet.Where(c => c != code[17]))
        {
            var altered = string.Concat(code.AsSpan(0, 17), c.ToString());
            var reason = CreditCode.Validate(altered);
            reason.ShouldNotBeNull(altered);
            reason.ShouldContain("check character");
            reason.ShouldContain($"'{code[17]}'", customMessage: "the reason names the expected check character");
            CreditCode.IsValid(altered).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("91420111d5qa4xfd1c", "not allowed")] // lower case
    [InlineData("91420111D5QA4XFD1c", "not allowed")] // lower-case check character
    [InlineData("91420111D5QA4XFDIC", "not allowed")] // I
    [InlineData("91420111D5QA4XFDOC", "not allowed")] // O
    [InlineData("91420111D5QA4XFDSC", "not allowed")] // S
    [InlineData("91420111D5QA4XFDVC", "not allowed")] // V
    [InlineData("91420111D5QA4XFDZC", "not allowed")] // Z
    [InlineData("I1420111D5QA4XFD1C", "not allowed")] // I in first position
    [InlineData("91420111D5QA4XFD1", "18 characters")] // 17
    [InlineData("91420111D5QA4XFD1C0", "18 characters")] // 19
    [InlineData("", "18 characters")]
    [InlineData("91A20111D5QA4XFD1C", "must be a digit")] // letter in position 3
    [InlineData("914201B1D5QA4XFD1C", "must be a digit")] // letter in position 7
    [InlineData("9142011BD5QA4XFD1C", "must be a digit")] // letter in position 8
    [InlineData("91420111 5QA4XFD1C", "not allowed")] // space
    [InlineData("９1420111D5QA4XFD1C", "not allowed")] // full-width digit
    public void Malformed_codes_are_invalid_with_a_reason(string code, string reasonPart)
    {
        var reason = CreditCode.Validate(code);
        reason.ShouldNotBeNull();
        reason.ShouldContain(reasonPart);
        CreditCode.IsValid(code).ShouldBeFalse();
    }

    [Fact]
    public void A_letter_in_positions_3_to_8_is_invalid_even_with_a_matching_check_character()
    {
        // Build a code whose check character is right for its first 17 characters, so only the region rule can reject it.
        for (var position = 2; position <= 7; position++)
        {
            var chars = "91420111D5QA4XFD1".ToCharArray();
            chars[position] = 'A';
            var first17 = new string(chars);
            var code = first17 + CreditCode.CheckCharacter(first17);
            CreditCode.Validate(code).ShouldNotBeNull().ShouldContain($"character {position + 1} must be a digit");
        }
    }

    [Fact]
    public void Null_is_rejected_with_an_argument_exception()
    {
        Should.Throw<ArgumentNullException>(() => CreditCode.Validate(null!));
    }

    [Fact]
    public void Check_character_needs_exactly_17_alphabet_characters()
    {
        Should.Throw<ArgumentException>(() => CreditCode.CheckCharacter("9142011".AsSpan()));
        Should.Throw<ArgumentException>(() => CreditCode.CheckCharacter("91420111D5QA4XFDI".AsSpan()));
    }

    [Fact]
    public void Alphabet_accessors_match_the_GB_32100_alphabet()
    {
        CreditCode.AlphabetSize.ShouldBe(31);
        string.Concat(Enumerable.Range(0, CreditCode.AlphabetSize).Select(CreditCode.AlphabetAt)).ShouldBe(Alphabet);
    }

    private static readonly Gen<string> First17 =
        Gen.Int[0, 30].Array[17].Select(values => string.Concat(values.Select((v, i) => i is >= 2 and <= 7 ? Alphabet[v % 10] : Alphabet[v])));

    [Fact]
    public void Any_17_characters_with_their_check_character_make_a_valid_code()
    {
        First17.Sample(first17 =>
        {
            var code = first17 + CreditCode.CheckCharacter(first17);
            CreditCode.Validate(code).ShouldBeNull(code);
        });
    }

    [Fact]
    public void Changing_the_check_character_of_a_valid_code_makes_it_invalid()
    {
        Gen.Select(First17, Gen.Int[1, 30]).Sample((first17, shift) =>
        {
            var check = CreditCode.CheckCharacter(first17);
            var wrong = Alphabet[(Alphabet.IndexOf(check, StringComparison.Ordinal) + shift) % 31];
            var code = first17 + wrong;
            CreditCode.IsValid(code).ShouldBeFalse(code);
            CreditCode.Validate(code).ShouldNotBeNull().ShouldContain("check character");
        });
    }

    [Fact]
    public void Changing_any_one_of_the_first_17_characters_changes_the_check_character()
    {
        // The weights are non-zero and coprime with 31, so a single substitution is always detected.
        Gen.Select(First17, Gen.Int[0, 16], Gen.Int[1, 30]).Sample((first17, position, shift) =>
        {
            var chars = first17.ToCharArray();
            var value = (Alphabet.IndexOf(chars[position], StringComparison.Ordinal) + shift) % 31;
            if (position is >= 2 and <= 7)
            {
                value %= 10;
                if (Alphabet[value] == chars[position])
                {
                    return; // shifting a digit within the digits may wrap to itself
                }
            }
            chars[position] = Alphabet[value];
            var code = new string(chars) + CreditCode.CheckCharacter(first17);
            CreditCode.IsValid(code).ShouldBeFalse(code);
        });
    }
}
