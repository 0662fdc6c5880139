using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Tests.Support;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>Schema and domain validation of one record: each defect yields exactly one error at the expected JSON Pointer.</summary>
public sealed class ProfileValidationTests
{
    private static ProfileRecord ReadEdited(Action<JsonObject> edit) => Json.ReadOne(Json.Profile(edit));

    /// <summary>Reads a profile with one defect and returns its single error; the record must be invalid.</summary>
    private static RecordError SingleError(Action<JsonObject> edit)
    {
        var record = ReadEdited(edit);
        record.IsValid.ShouldBeFalse();
        record.Profile.ShouldBeNull();
        var error = record.Errors.ShouldHaveSingleItem(Json.Describe(record));
        error.Record.ShouldBe("line 1");
        return error;
    }

    private static void ShouldBeValid(Action<JsonObject> edit)
    {
        var record = ReadEdited(edit);
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void The_minimal_profile_is_valid()
    {
        ShouldBeValid(_ => { });
    }

    [Theory]
    [InlineData("creditCode")]
    [InlineData("name")]
    [InlineData("regionCode")]
    [InlineData("industryCode")]
    [InlineData("financials")]
    public void A_missing_required_member_is_reported_at_its_path(string member)
    {
        var error = SingleError(o => o.Remove(member));
        error.Path.ShouldBe("/" + member);
        error.Reason.ShouldContain("required");
    }

    [Theory]
    [InlineData("creditCode")]
    [InlineData("name")]
    [InlineData("regionCode")]
    [InlineData("industryCode")]
    [InlineData("financials")]
    public void A_required_member_given_as_null_counts_as_missing(string member)
    {
        var error = SingleError(o => o[member] = null);
        error.Path.ShouldBe("/" + member);
        error.Reason.ShouldContain("required");
    }

    [Fact]
    public void An_empty_name_is_invalid()
    {
        SingleError(o => o["name"] = "").Path.ShouldBe("/name");
    }

    [Fact]
    public void An_empty_financials_array_is_invalid()
    {
        var error = SingleError(o => o["financials"] = new JsonArray());
        error.Path.ShouldBe("/financials");
        error.Reason.ShouldContain("at least one");
    }

    [Theory]
    [InlineData("91420111D5QA4XFD1D", "check character")]
    [InlineData("91420111D5QA4XFD1", "18 characters")]
    [InlineData("91420111d5qa4xfd1c", "not allowed")]
    [InlineData("91A20111D5QA4XFD1C", "must be a digit")]
    public void An_invalid_credit_code_is_reported_with_the_credit_code_reason(string code, string reasonPart)
    {
        var error = SingleError(o => o["creditCode"] = code);
        error.Path.ShouldBe("/creditCode");
        error.Reason.ShouldContain("invalid credit code");
        error.Reason.ShouldContain(reasonPart);
        error.CreditCode.ShouldBeNull("an invalid code must not be used to identify the record");
    }

    [Fact]
    public void Errors_of_a_record_with_a_valid_credit_code_carry_that_code()
    {
        var error = SingleError(o => o["regionCode"] = "1");
        error.CreditCode.ShouldBe(Json.ValidCreditCode);
    }

    [Fact]
    public void A_region_code_different_from_the_one_inside_the_credit_code_is_valid()
    {
        ShouldBeValid(o => o["regionCode"] = "110105"); // credit code says 420111; enterprises move
    }

    [Theory]
    [InlineData("33010")]
    [InlineData("3301060")]
    [InlineData("33010A")]
    [InlineData("")]
    [InlineData(" 330106")]
    [InlineData("330106\n")]
    [InlineData("３３０１０６")] // full-width digits
    public void A_region_code_that_is_not_6_digits_is_invalid(string region)
    {
        var error = SingleError(o => o["regionCode"] = region);
        error.Path.ShouldBe("/regionCode");
        error.Reason.ShouldContain("6-digit");
    }

    [Theory]
    [InlineData("C")]
    [InlineData("C34")]
    [InlineData("C348")]
    [InlineData("C3484")]
    [InlineData("A0111")]
    [InlineData("T9700")]
    public void Industry_codes_of_GB_T_4754_shape_are_valid(string industry)
    {
        ShouldBeValid(o => o["industryCode"] = industry);
    }

    [Theory]
    [InlineData("C34845")] // 5 digits
    [InlineData("Z12")] // no section Z
    [InlineData("c3484")] // lower case
    [InlineData("C3")] // 1 digit
    [InlineData("3484")] // no section letter
    [InlineData("CC3484")]
    [InlineData("C3484\n")]
    [InlineData("")]
    public void Industry_codes_of_another_shape_are_invalid(string industry)
    {
        var error = SingleError(o => o["industryCode"] = industry);
        error.Path.ShouldBe("/industryCode");
        error.Reason.ShouldContain("GB/T 4754");
    }

    [Fact]
    public void A_duplicate_financial_year_is_reported_at_the_second_occurrence()
    {
        var error = SingleError(o => o["financials"] = Json.Raw("""[{"year":2023,"operatingRevenue":1},{"year":2023,"operatingRevenue":2}]"""));
        error.Path.ShouldBe("/financials/1/year");
        error.Reason.ShouldContain("2023");
        error.Reason.ShouldContain("/financials/0");
    }

    [Fact]
    public void A_year_appearing_three_times_is_reported_twice()
    {
        var record = ReadEdited(o => o["financials"] = Json.Raw("""[{"year":2023},{"year":2024},{"year":2023},{"year":2023}]"""));
        record.IsValid.ShouldBeFalse();
        record.Errors.Select(e => e.Path).ShouldBe(["/financials/2/year", "/financials/3/year"]);
    }

    [Theory]
    [InlineData("operatingRevenue")]
    [InlineData("mainBusinessRevenue")]
    [InlineData("rdExpense")]
    [InlineData("basicResearchExpense")]
    [InlineData("totalAssets")]
    [InlineData("totalLiabilities")]
    [InlineData("newQualifiedEquityFinancing")]
    [InlineData("employees")]
    [InlineData("rdStaff")]
    public void A_negative_amount_where_the_schema_has_minimum_0_is_invalid(string member)
    {
        var error = SingleError(o => o["financials"]![0]![member] = -1);
        error.Path.ShouldBe($"/financials/0/{member}");
        error.Reason.ShouldContain("at least 0");
    }

    [Fact]
    public void A_negative_operating_revenue_is_reported_at_its_path()
    {
        var error = SingleError(o => o["financials"]![0]!["operatingRevenue"] = -0.01m);
        error.Path.ShouldBe("/financials/0/operatingRevenue");
        error.Reason.ShouldContain("-0.01");
    }

    [Fact]
    public void A_negative_amount_in_a_later_year_names_that_year_index()
    {
        var error = SingleError(o => o["financials"] = Json.Raw("""[{"year":2023,"rdExpense":1},{"year":2024,"rdExpense":-5}]"""));
        error.Path.ShouldBe("/financials/1/rdExpense");
    }

    [Fact]
    public void A_negative_net_profit_is_allowed()
    {
        var record = ReadEdited(o => o["financials"]![0]!["netProfit"] = -123.45m);
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.Financials[0].NetProfit.ShouldBe(-123.45m);
    }

    [Fact]
    public void Zero_amounts_are_valid()
    {
        var record = ReadEdited(o => o["financials"] = Json.Raw("""[{"year":2024,"operatingRevenue":0,"rdExpense":0.0,"employees":0}]"""));
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.Financials[0].OperatingRevenue.ShouldBe(0m);
        record.Profile.Financials[0].Employees.ShouldBe(0);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("0.1")]
    [InlineData("1e40")]
    [InlineData("3000000000")]
    public void A_non_integer_employee_count_is_invalid(string raw)
    {
        var error = SingleError(o => o["financials"]![0]!["employees"] = Json.Raw(raw));
        error.Path.ShouldBe("/financials/0/employees");
        error.Reason.ShouldContain("integer");
    }

    [Theory]
    [InlineData("250.0", 250)]
    [InlineData("250", 250)]
    [InlineData("2.5e2", 250)]
    public void An_integer_employee_count_written_with_a_zero_fraction_is_valid(string raw, int expected)
    {
        var record = ReadEdited(o => o["financials"]![0]!["employees"] = Json.Raw(raw));
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.Financials[0].Employees.ShouldBe(expected);
    }

    [Theory]
    [InlineData("1989")]
    [InlineData("2101")]
    [InlineData("2024.5")]
    [InlineData("\"2024\"")]
    public void A_financial_year_out_of_range_or_not_an_integer_is_invalid(string raw)
    {
        SingleError(o => o["financials"]![0]!["year"] = Json.Raw(raw)).Path.ShouldBe("/financials/0/year");
    }

    [Fact]
    public void A_financial_entry_without_a_year_is_invalid()
    {
        var error = SingleError(o => o["financials"] = Json.Raw("""[{"operatingRevenue":1}]"""));
        error.Path.ShouldBe("/financials/0/year");
        error.Reason.ShouldContain("required");
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("2023/01/01")]
    [InlineData("2023-1-1")]
    [InlineData("2023-13-01")]
    [InlineData("01-01-2023")]
    [InlineData("2023-01-01T00:00:00")]
    [InlineData("")]
    public void An_invalid_date_is_reported_at_its_path(string date)
    {
        var error = SingleError(o => o["establishedOn"] = date);
        error.Path.ShouldBe("/establishedOn");
        error.Reason.ShouldContain("not a valid date");
    }

    [Fact]
    public void Valid_dates_are_read_including_a_leap_day()
    {
        var record = ReadEdited(o =>
        {
            o["establishedOn"] = "2024-02-29";
            o["nicheMarketSince"] = "2017-01-01";
        });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.EstablishedOn.ShouldBe(new DateOnly(2024, 2, 29));
        record.Profile.NicheMarketSince.ShouldBe(new DateOnly(2017, 1, 1));
    }

    [Fact]
    public void An_invalid_date_in_a_nested_array_names_the_element()
    {
        var error = SingleError(o => o["recognitions"] = Json.Raw("""[{"tier":"innovative-sme","recognizedOn":"2023-02-30"}]"""));
        error.Path.ShouldBe("/recognitions/0/recognizedOn");
    }

    [Fact]
    public void A_recognition_ending_before_it_starts_is_invalid()
    {
        var error = SingleError(o => o["recognitions"] = Json.Raw("""[{"tier":"innovative-sme","recognizedOn":"2023-06-01","validUntil":"2023-05-31"}]"""));
        error.Path.ShouldBe("/recognitions/0/validUntil");
    }

    public static TheoryData<string, string, string> UnknownEnumValues => new()
    {
        { "listing", "\"nasdaq\"", "/listing" },
        { "listing", "\"NEEQ\"", "/listing" },
        { "listingPlan", "\"maybe\"", "/listingPlan" },
        { "rdInstitution", "\"global\"", "/rdInstitution" },
        { "honors", """[{"kind":"nobel-prize"}]""", "/honors/0/kind" },
        { "recognitions", """[{"tier":"giant","recognizedOn":"2023-01-01"}]""", "/recognitions/0/tier" },
        { "standards", """[{"level":"galactic","role":"lead"}]""", "/standards/0/level" },
        { "standards", """[{"level":"national","role":"boss"}]""", "/standards/0/role" },
        { "mainProduct", """{"chainContribution":"some"}""", "/mainProduct/chainContribution" },
    };

    [Theory]
    [MemberData(nameof(UnknownEnumValues))]
    public void An_unknown_enum_value_is_reported_at_its_path(string member, string raw, string path)
    {
        var error = SingleError(o => o[member] = Json.Raw(raw));
        error.Path.ShouldBe(path);
        error.Reason.ShouldContain("is not one of");
    }

    [Fact]
    public void Known_enum_values_are_read()
    {
        var record = ReadEdited(o =>
        {
            o["listing"] = "szse-chinext";
            o["listingPlan"] = "tutoring";
            o["rdInstitution"] = "provincial";
            o["honors"] = Json.Raw("""[{"kind":"high-tech-enterprise","year":2022,"validUntil":"2025-12-31"}]""");
            o["recognitions"] = Json.Raw("""[{"tier":"specialized-sme","recognizedOn":"2023-01-01","issuer":"330000"}]""");
            o["standards"] = Json.Raw("""[{"level":"group","role":"participate","year":2021}]""");
        });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        var p = record.Profile!;
        p.Listing.ShouldBe("szse-chinext");
        p.ListingPlan.ShouldBe("tutoring");
        p.RdInstitution.ShouldBe("provincial");
        p.Honors.ShouldNotBeNull().ShouldHaveSingleItem().Kind.ShouldBe("high-tech-enterprise");
        p.Recognitions.ShouldNotBeNull().ShouldHaveSingleItem().Tier.ShouldBe("specialized-sme");
        p.Standards.ShouldNotBeNull().ShouldHaveSingleItem().Level.ShouldBe("group");
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("-0.1")]
    [InlineData("1.0000001")]
    public void A_market_share_outside_0_to_1_is_invalid(string raw)
    {
        var error = SingleError(o => o["mainProduct"] = new JsonObject { ["domesticMarketShare"] = Json.Raw(raw) });
        error.Path.ShouldBe("/mainProduct/domesticMarketShare");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("0.12")]
    public void A_market_share_from_0_to_1_is_valid(string raw)
    {
        var record = ReadEdited(o => o["mainProduct"] = new JsonObject { ["domesticMarketShare"] = Json.Raw(raw) });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.MainProduct!.DomesticMarketShare.ShouldBe(decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("2.5")]
    [InlineData("\"3\"")]
    public void A_digital_level_outside_1_to_4_is_invalid(string raw)
    {
        SingleError(o => o["digitalLevel"] = Json.Raw(raw)).Path.ShouldBe("/digitalLevel");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_digital_level_from_1_to_4_is_valid(int level)
    {
        ReadEdited(o => o["digitalLevel"] = level).Profile.ShouldNotBeNull().DigitalLevel.ShouldBe(level);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("15.5")]
    public void A_local_feature_score_outside_0_to_15_is_invalid(string raw)
    {
        SingleError(o => o["localFeatureScore"] = Json.Raw(raw)).Path.ShouldBe("/localFeatureScore");
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        // string for a number
        { "/financials/0/operatingRevenue", """{"financials":[{"year":2024,"operatingRevenue":"100"}]}""", "expected a number" },
        { "/financials/0/employees", """{"financials":[{"year":2024,"employees":"250"}]}""", "expected an integer" },
        { "/digitalLevel", """{"digitalLevel":"3"}""", "expected an integer" },
        // number for a string
        { "/name", """{"name":42}""", "expected a string" },
        { "/creditCode", """{"creditCode":914201110000000000}""", "expected a string" },
        { "/regionCode", """{"regionCode":330106}""", "expected a string" },
        { "/establishedOn", """{"establishedOn":20230101}""", "expected a string" },
        { "/listing", """{"listing":1}""", "expected a string" },
        // object for an array
        { "/financials", """{"financials":{"year":2024}}""", "expected an array" },
        { "/honors", """{"honors":{"kind":"tech-sme"}}""", "expected an array" },
        { "/recognitions", """{"recognitions":{}}""", "expected an array" },
        { "/quality/managementSystemCertifications", """{"quality":{"managementSystemCertifications":{}}}""", "expected an array" },
        // array or scalar for an object
        { "/mainProduct", """{"mainProduct":[]}""", "expected an object" },
        { "/compliance", """{"compliance":true}""", "expected an object" },
        { "/financials/0", """{"financials":[2024]}""", "expected an object" },
        { "/honors/0", """{"honors":["tech-sme"]}""", "expected an object" },
        // other mismatches
        { "/registeredInMainland", """{"registeredInMainland":"yes"}""", "expected true or false" },
        { "/compliance/wageArrears", """{"compliance":{"wageArrears":0}}""", "expected true or false" },
        { "/quality/managementSystemCertifications/1", """{"quality":{"managementSystemCertifications":["ISO9001",9001]}}""", "expected a string" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_value_of_the_wrong_type_is_reported_at_its_path(string path, string overrides, string reasonPart)
    {
        var error = SingleError(o =>
        {
            foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
            {
                o[key] = value?.DeepClone();
            }
        });
        error.Path.ShouldBe(path);
        error.Reason.ShouldContain(reasonPart);
    }

    [Fact]
    public void Every_error_of_a_record_is_reported()
    {
        var record = ReadEdited(o =>
        {
            o["creditCode"] = "91420111D5QA4XFD1D";
            o["regionCode"] = "33010";
            o["industryCode"] = "Z12";
            o["listing"] = "nasdaq";
            o["establishedOn"] = "2023-02-30";
            o["digitalLevel"] = 5;
            o["mainProduct"] = new JsonObject { ["domesticMarketShare"] = 1.2m };
            o["financials"] = Json.Raw("""[{"year":2023,"operatingRevenue":-1,"employees":12.5},{"year":2023}]""");
            o["honors"] = Json.Raw("""[{"kind":"nobel"}]""");
        });

        record.IsValid.ShouldBeFalse();
        record.Errors.Select(e => e.Path).ShouldBe(
            [
                "/creditCode",
                "/regionCode",
                "/industryCode",
                "/financials/0/operatingRevenue",
                "/financials/0/employees",
                "/financials/1/year",
                "/establishedOn",
                "/listing",
                "/mainProduct/domesticMarketShare",
                "/digitalLevel",
                "/honors/0/kind",
            ],
            ignoreOrder: true);
        record.Errors.ShouldAllBe(e => e.Record == "line 1" && e.CreditCode == null && e.Reason.Length > 0);
    }

    [Fact]
    public void Unknown_extra_properties_are_ignored()
    {
        var record = ReadEdited(o =>
        {
            o["futureField"] = Json.Raw("""{"nested":[1,2,{"x":null}]}""");
            o["comment"] = "anything";
            o["financials"]![0]!["ebitda"] = -5;
            o["mainProduct"] = Json.Raw("""{"name":"gear","colour":"blue"}""");
        });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.MainProduct!.Name.ShouldBe("gear");
    }

    [Fact]
    public void Null_optional_members_mean_not_provided()
    {
        var record = ReadEdited(o =>
        {
            o["listing"] = null;
            o["digitalLevel"] = null;
            o["mainProduct"] = null;
            o["financials"]![0]!["operatingRevenue"] = null;
        });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.Listing.ShouldBeNull();
        record.Profile.DigitalLevel.ShouldBeNull();
        record.Profile.MainProduct.ShouldBeNull();
        record.Profile.Financials[0].OperatingRevenue.ShouldBeNull();
    }

    [Fact]
    public void Amounts_keep_their_decimal_value_exactly()
    {
        var record = ReadEdited(o => o["financials"]![0]!["operatingRevenue"] = Json.Raw("7971.94"));
        record.Profile.ShouldNotBeNull().Financials[0].OperatingRevenue.ShouldBe(7971.94m);
    }
}
