"""The tests detector: scaffold stubs are told apart from real tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.detectors.conftest import Files, Signals, categories, of


def test_create_react_app_stub_is_marked_as_scaffold(tmp_path: Path) -> None:
    from pocmvp_lint.detectors import detect
    from pocmvp_lint.inventory import build_inventory

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "App.test.js").write_text(
        "import { render, screen } from '@testing-library/react';\n"
        "test('renders learn react link', () => {\n  render(<App />);\n"
        "  expect(screen.getByText(/learn react/i)).toBeInTheDocument();\n});\n"
    )
    signals = detect(build_inventory(tmp_path, "", ["src/App.test.js"], is_git=False))
    categories = {s.category for s in signals}
    assert {"tests", "scaffold-tests"} <= categories


def test_test_conventions_across_ecosystems(signals: Signals) -> None:
    cases = {
        "test/headers.ts": "import test from 'ava';\ntest('user-agent', async t => { t.pass(); });\n",
        "src/math_test.ts": "Deno.test('adds', () => { assertEquals(1 + 1, 2); });\n",
        "integration_test/app_test.dart": "void main() { testWidgets('opens', (tester) async {}); }\n",
        "test/myapp/core_test.clj": "(ns myapp.core-test)\n(deftest adds (is (= 2 (+ 1 1))))\n",
        "test/runtests.jl": 'using Test\n@testset "math" begin\n  @test 1 + 1 == 2\nend\n',
        "tests/testthat/test-sum.R": "test_that('sum works', { expect_equal(sum(1, 1), 2) })\n",
        "spec/mylib_spec.lua": "describe('mylib', function() it('adds', function() end) end)\n",
        "Shop.UnitTests/OrderServiceShould.cs": "[Test]\npublic void Totals() {}\n",
        "MyAppTests/LoginViewModelSpec.swift": "class LoginViewModelSpec: QuickSpec {}\n",
        "tests/tst_cart.cpp": "#include <QtTest>\nclass CartSpec : public QObject { Q_OBJECT };\nQTEST_APPLESS_MAIN(CartSpec)\n",
        "ios/ShopTests/CartTests.m": "#import <XCTest/XCTest.h>\n@interface CartTests : XCTestCase\n@end\n",
        "test/Counter.t.sol": 'import {Test} from "forge-std/Test.sol";\ncontract CounterTest is Test {\n'
        "  function test_Increment() public { assertEq(counter.number(), 1); }\n}\n",
        # Django's test runner discovers test*.py: a tests/ package of tests_<topic>.py modules
        "shop/dashboard/tests/tests_views.py": "from django.test import TestCase\n\nclass ViewsTest(TestCase):\n    pass\n",
        # Jasmine's spec_files default, ``**/*[sS]pec.js`` under spec/
        "spec/weatherChartSpec.js": "describe('chart', function() {\n  it('builds a dataset', function() {});\n});\n",
        # a PSR-4 namespace's (or a Symfony bundle's) ``Tests/`` folder
        "api/src/Auth/Tests/Entities/EmailTest.php": "<?php\nclass EmailTest extends TestCase\n{\n"
        "    public function testSuccess(): void { self::assertTrue(true); }\n}\n",
        # a WordPress plugin's tests as ``wp scaffold plugin-tests`` writes them (``test-`` prefix)
        "tests/test-sample.php": "<?php\nclass SampleTest extends WP_UnitTestCase {\n"
        "    public function test_sample() { $this->assertTrue( true ); }\n}\n",
        # a plain PHP test script a CI job runs one by one (SimpleTest's ``_test`` suffix)
        "tests/rate_limiter_test.php": "<?php\nrequire __DIR__ . '/../utils/limiter.php';\nassert(allow('x'));\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path


def test_rust_unit_tests_in_a_cfg_test_module(signals: Signals) -> None:
    lib = "pub fn add(a: i32, b: i32) -> i32 { a + b }\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds() {}\n}\n"
    (hit,) = of(signals({"src/lib.rs": lib, "Cargo.toml": "[package]\nname = 'x'\n"}), "tests")
    assert (hit.path, hit.line) == ("src/lib.rs", 3)
    assert "tests" not in categories(signals({"src/lib.rs": "pub fn add() {}\n"}))


def test_files_a_test_script_hands_its_runner_by_name_are_tests(signals: Signals) -> None:
    """``mocha src/modules/user/testUser.ts`` runs a file no discovery convention names; it counts
    when it holds a test. A file it names holding none, or one a build script names, does not."""
    scripts = (
        '{"scripts": {"build": "tsc src/app.ts", "test": "mocha --require ts-node/register src/test/all.ts",'
        ' "test-user": "mocha --require ts-node/register src/modules/user/testUser.ts",'
        ' "test:watch": "mocha --watch src/modules/user/testUser.ts"}}'
    )
    files = {
        "package.json": scripts,
        "src/test/all.ts": "import '../modules/user/testUser';\n",
        "src/modules/user/testUser.ts": "describe('users', () => {\n  it('registers', async () => {});\n});\n",
        "src/app.ts": "describe('not a test', () => {});\n",
    }
    assert [(s.path, s.detail) for s in of(signals(files), "tests")] == [
        ("src/modules/user/testUser.ts", "test file the package.json script 'test-user' runs")
    ]
    assert "tests" not in categories(signals({**files, "src/modules/user/testUser.ts": "export const x = 1;\n"}))


def test_vendored_tests_and_test_named_application_classes_are_not_the_projects_tests(signals: Signals) -> None:
    found = signals(
        {
            "shop/testing.py": "def make_user():\n    return {'name': 'x'}\n",  # test helpers, not tests
            "shop/tests_helpers/__init__.py": "",
            "external/googletest/googletest/test/gtest_unittest.cc": "TEST(Foo, Bar) {}\n",
            "deps/googletest/test/gtest_all_test.cc": "TEST(Foo, Bar) {}\n",
            "src/main/java/com/acme/controller/TestController.java": '@GetMapping("/test") public String test() {}\n',
        }
    )
    assert "tests" not in categories(found)


def test_scaffold_stubs_are_tests_marked_as_scaffolds(signals: Signals) -> None:
    django = signals({"blog/tests.py": "from django.test import TestCase\n\n# Create your tests here.\n"})
    assert [s.path for s in of(django, "tests")] == ["blog/tests.py"]
    assert [s.path for s in of(django, "scaffold-tests")] == ["blog/tests.py"]
    spring = (
        "package com.example.demo;\n\nimport org.junit.jupiter.api.Test;\n"
        "import org.springframework.boot.test.context.SpringBootTest;\n\n"
        "@SpringBootTest\nclass DemoApplicationTests {\n\n\t@Test\n\tvoid contextLoads() {\n\t}\n\n}\n"
    )
    found = signals({"src/test/java/com/example/demo/DemoApplicationTests.java": spring})
    assert "scaffold-tests" in categories(found) and "tests" in categories(found)


ANDROID_UNIT = """package com.example.myapp

import org.junit.Test

import org.junit.Assert.*

class ExampleUnitTest {
    @Test
    fun addition_isCorrect() {
        assertEquals(4, 2 + 2)
    }
}
"""
ANDROID_INSTRUMENTED = """package com.example.myapp

import androidx.test.platform.app.InstrumentationRegistry
import androidx.test.ext.junit.runners.AndroidJUnit4

import org.junit.Test
import org.junit.runner.RunWith

import org.junit.Assert.*

@RunWith(AndroidJUnit4::class)
class ExampleInstrumentedTest {
    @Test
    fun useAppContext() {
        val appContext = InstrumentationRegistry.getInstrumentation().targetContext
        assertEquals("com.example.myapp", appContext.packageName)
    }
}
"""
REACT_NATIVE_IOS = """#import <UIKit/UIKit.h>
#import <XCTest/XCTest.h>

@interface ShopTests : XCTestCase
@end

@implementation ShopTests

- (BOOL)findSubviewInView:(UIView *)view matching:(BOOL (^)(UIView *view))test
{
  if (test(view)) {
    return YES;
  }
  return NO;
}

- (void)testRendersWelcomeScreen
{
  XCTAssertTrue(foundElement, @"Couldn't find element with text '%@' in %d seconds", TEXT_TO_LOOK_FOR, TIMEOUT_SECONDS);
}

@end
"""


def test_mobile_project_templates_tests_are_scaffolds(signals: Signals) -> None:
    """Android Studio's ``ExampleUnitTest`` and ``ExampleInstrumentedTest`` and React Native's iOS
    test are what a new app project holds: tests, marked as scaffolds (MVP001 still finds none of
    the team's own). One more test in the file makes it the team's."""
    files = {
        "app/src/test/java/com/example/myapp/ExampleUnitTest.kt": ANDROID_UNIT,
        "app/src/androidTest/java/com/example/myapp/ExampleInstrumentedTest.kt": ANDROID_INSTRUMENTED,
        "ios/ShopTests/ShopTests.m": REACT_NATIVE_IOS,
    }
    for path, text in files.items():
        found = signals({path: text})
        assert [s.path for s in of(found, "tests")] == [path], path
        assert [s.path for s in of(found, "scaffold-tests")] == [path], path
    grown = ANDROID_UNIT.replace(
        "}\n}\n", "}\n\n    @Test\n    fun totals() {\n        assertEquals(7, cart.total())\n    }\n}\n"
    )
    found = signals({"app/src/test/java/com/example/myapp/ExampleUnitTest.kt": grown})
    assert of(found, "tests") and not of(found, "scaffold-tests")


LARAVEL_FEATURE = """<?php

namespace Tests\\Feature;

use Tests\\TestCase;

class ExampleTest extends TestCase
{
    public function test_the_application_returns_a_successful_response(): void
    {
        $response = $this->get('/');

        $response->assertStatus(200);
    }
}
"""
LARAVEL_UNIT = """<?php

namespace Tests\\Unit;

use PHPUnit\\Framework\\TestCase;

class ExampleTest extends TestCase
{
    public function test_that_true_is_true(): void
    {
        $this->assertTrue(true);
    }
}
"""
NEST_SPEC = """import { Test, TestingModule } from '@nestjs/testing';
import { OrdersService } from './orders.service';

describe('OrdersService', () => {
  let service: OrdersService;

  beforeEach(async () => {
    const module: TestingModule = await Test.createTestingModule({ providers: [OrdersService] }).compile();
    service = module.get<OrdersService>(OrdersService);
  });

  it('should be defined', () => {
    expect(service).toBeDefined();
  });
});
"""
PHOENIX_PAGE = """defmodule ShopWeb.PageControllerTest do
  use ShopWeb.ConnCase

  test "GET /", %{conn: conn} do
    conn = get(conn, ~p"/")
    assert html_response(conn, 200) =~ "Peace of mind from prototype to production"
  end
end
"""
PHOENIX_ERROR_JSON = """defmodule ShopWeb.ErrorJSONTest do
  use ShopWeb.ConnCase, async: true

  test "renders 404" do
    assert ShopWeb.ErrorJSON.render("404.json", %{}) == %{errors: %{detail: "Not Found"}}
  end
end
"""
XUNIT_TEMPLATE = (
    "namespace Shop.Tests;\n\npublic class UnitTest1\n{\n    [Fact]\n    public void Test1()\n    {\n\n    }\n}\n"
)


@pytest.mark.parametrize(
    "files",
    [
        {"tests/Feature/ExampleTest.php": LARAVEL_FEATURE, "tests/Unit/ExampleTest.php": LARAVEL_UNIT},
        {"src/orders/orders.service.spec.ts": NEST_SPEC},
        {
            "test/shop_web/controllers/page_controller_test.exs": PHOENIX_PAGE,
            "test/shop_web/controllers/error_json_test.exs": PHOENIX_ERROR_JSON,
        },
        {"Shop.Tests/UnitTest1.cs": XUNIT_TEMPLATE},
    ],
)
def test_the_tests_a_project_generator_writes_are_marked_as_scaffolds(signals: Signals, files: Files) -> None:
    found = signals(files)
    assert sorted(s.path for s in of(found, "scaffold-tests")) == sorted(files)
    assert sorted(s.path for s in of(found, "tests")) == sorted(files)


def test_exunit_tests_through_a_case_template_are_tests(signals: Signals) -> None:
    test = """defmodule Shop.OrdersTest do
  use Shop.DataCase, async: true

  test "totals an order" do
    assert Shop.Orders.total([2, 3]) == 5
  end

  test "rejects an empty order", %{user: user} do
    assert {:error, :empty} = Shop.Orders.place(user, [])
  end
end
"""
    found = signals({"test/shop/orders_test.exs": test})
    assert [s.path for s in of(found, "tests")] == ["test/shop/orders_test.exs"]
    assert "scaffold-tests" not in categories(found)


def test_a_generated_test_file_grown_with_tests_of_its_own_is_no_scaffold(signals: Signals) -> None:
    grown = LARAVEL_FEATURE.replace(
        "    }\n}\n",
        "    }\n\n    public function test_orders_list(): void\n    {\n"
        "        $this->get('/orders')->assertOk();\n        $this->assertDatabaseCount('orders', 0);\n    }\n}\n",
    )
    spec = NEST_SPEC.replace(
        "  });\n});\n",
        "  });\n\n  it('totals an order', () => {\n    expect(service.total([2, 3])).toBe(5);\n  });\n});\n",
    )
    found = signals({"tests/Feature/ExampleTest.php": grown, "src/orders/orders.service.spec.ts": spec})
    assert "scaffold-tests" not in categories(found)


def test_a_script_named_like_a_test_that_runs_itself_is_not_a_test(signals: Signals) -> None:
    script = "import requests\n\ndef test():\n    print(requests.get('http://localhost:8000/api').json())\n\ntest()\n"
    assert "tests" not in categories(signals({"test_api.py": script}))
    real = "import requests\n\ndef test_api():\n    assert requests.get('http://localhost:8000/api').ok\n"
    assert "tests" in categories(signals({"test_api.py": real}))
    # run through its entry point: the test functions are called by hand, one by one
    main = (
        "import requests\n\ndef test_webhook():\n    return requests.post('http://127.0.0.1:9000/hook').ok\n\n"
        'if __name__ == "__main__":\n    if not test_webhook():\n        exit(1)\n    ok = test_webhook()\n'
    )
    assert "tests" not in categories(signals({"test_mailgun.py": main}))
    # a command-line program: its "test" functions take the arguments it reads, and main() runs them
    cli = (
        "import argparse\n\ndef test_onnx_model(onnx_path: str) -> dict:\n    return {'path': onnx_path}\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('--onnx')\n"
        "    print(test_onnx_model(parser.parse_args().onnx))\n\n"
        'if __name__ == "__main__":\n    main()\n'
    )
    assert "tests" not in categories(signals({"ai_model/test_model.py": cli}))
    # a pytest module that can also run itself is still a test
    pytest_main = (
        'import pytest\n\ndef test_it():\n    pass\n\nif __name__ == "__main__":\n    pytest.main([__file__])\n'
    )
    assert "tests" in categories(signals({"test_it.py": pytest_main}))


def test_test_files_are_read_until_ten_show_a_test_and_the_rest_count_by_name(signals: Signals) -> None:
    helper = "def make_user():\n    return {'name': 'x'}\n"
    test = "def test_it():\n    assert True\n"
    # sorted: the helper module first (no test: dropped), then twelve test modules
    files = {"tests/test_00_helpers.py": helper} | {f"tests/test_{n:02}.py": test for n in range(1, 13)}
    found = of(signals(files), "tests")
    assert [s.path for s in found] == [f"tests/test_{n:02}.py" for n in range(1, 11)]
    assert found[0].detail == "test file (12 in total)"
    # the same helper after ten confirmed tests is not read: the name is trusted
    late = {f"tests/test_{n:02}.py": test for n in range(1, 11)} | {"tests/test_99_helpers.py": helper}
    assert of(signals(late), "tests")[0].detail == "test file (11 in total)"


def test_a_python_file_shows_a_test_in_pythons_own_forms(signals: Signals) -> None:
    python_tests = {
        "tests/test_views.py": "class ViewsTest(LiveServerTestCase, Mixin):\n    pass\n",
        "app/tests.py": "from django.test import Client\n\nclass HomeTests(SimpleTestCase):\n    pass\n",
        "tests/test_math.py": "def test_adds():\n    assert 1 + 1 == 2\n",
        "tests/test_api.py": "class ApiTest(unittest.TestCase):\n    def setUp(self):\n        self.assertTrue(True)\n",
    }
    for path, text in python_tests.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path
    # another language's test forms in a Python module named like a test are no Python test
    catalogue = 'PATTERNS = ["@Test", "[TestMethod]", "describe(", "TEST_CASE("]\n'
    assert "tests" not in categories(signals({"checks/tests.py": catalogue}))
    # importing a test framework shows no test: a script kept in Django's tests.py
    script = "from django.test import TestCase\nimport requests\n\nprint(requests.get('https://example.org').text)\n"
    assert "tests" not in categories(signals({"blog/tests.py": script}))


def test_runner_configuration_files_hold_no_test(signals: Signals) -> None:
    # pytest collects no test from conftest.py (fixtures and hooks); Pest's tests/Pest.php binds the base test case
    support = {
        "tests/conftest.py": "import pytest\n\n@pytest.fixture\ndef client():\n    return make_client()\n",
        "tests/Pest.php": "<?php\n\nuses(Tests\\TestCase::class)->in('Feature');\n\nexpect()->extend('toBeOne', fn () => 1);\n",
        "tests/TestCase.php": "<?php\n\nnamespace Tests;\n\nabstract class TestCase extends BaseTestCase\n{\n}\n",
    }
    assert "tests" not in categories(signals(support))
    with_test = {**support, "tests/test_orders.py": "def test_total(client):\n    assert client.total() == 0\n"}
    (first,) = of(signals(with_test), "tests")
    assert (first.path, first.detail) == ("tests/test_orders.py", "test file (1 in total)")


def test_dotnet_tests_show_by_their_attributes_not_their_usings(signals: Signals) -> None:
    usings = "global using Xunit;\nglobal using FluentAssertions;\n"
    helper = "namespace Shop.Tests;\n\npublic static class Clock\n{\n    public static DateTime Now => DateTime.UnixEpoch;\n}\n"
    only_support = {"tests/Shop.Tests/GlobalUsings.cs": usings, "tests/Shop.Tests/Clock.cs": helper}
    assert "tests" not in categories(signals(only_support))
    cases = {
        # global usings: the test file names no framework, its attributes carry arguments
        "tests/Shop.Tests/CartTests.cs": '[Fact(DisplayName = "empty cart")]\npublic void Empty() {}\n',
        "tests/Shop.Tests/PriceTests.cs": '[Test, Category("fast")]\npublic void Rounds() {}\n',
        # F# attributes
        "tests/Shop.Tests/Tests.fs": "module Tests\n\nopen Xunit\n\n[<Fact>]\nlet ``adds`` () =\n    Assert.Equal(2, 1 + 1)\n",
        "tests/Shop.Tests/Props.fs": "module Props\nopen NUnit.Framework\n\n[<Test>]\nlet rounds () = Assert.Pass()\n",
        # Visual Basic
        "tests/Shop.Tests/TotalsTests.vb": "Imports Xunit\n\nPublic Class TotalsTests\n    <Fact>\n    Sub Adds()\n    End Sub\nEnd Class\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path


def test_rust_unit_tests_in_their_own_module_file(signals: Signals) -> None:
    manifest = {"Cargo.toml": "[package]\nname = 'shop'\n"}
    parent = "pub mod cart;\n\n#[cfg(test)]\nmod tests;\n"
    tests = "use super::*;\n\n#[test]\nfn empty_cart_totals_zero() {\n    assert_eq!(cart::total(&[]), 0);\n}\n"
    found = signals(
        {
            **manifest,
            "src/lib.rs": parent,
            "src/cart.rs": "pub fn total(_: &[u32]) -> u32 { 0 }\n",
            "src/tests.rs": tests,
        }
    )
    assert [s.path for s in of(found, "tests")] == ["src/tests.rs"]
    # the whole file switched on for tests (#![cfg(test)]), in a nested module
    inner = "#![cfg(test)]\nuse crate::graph::Graph;\n\n#[tokio::test]\nasync fn finds_a_path() {}\n"
    found = signals({**manifest, "src/graph/mod.rs": "pub mod search;\nmod test;\n", "src/graph/test.rs": inner})
    assert [s.path for s in of(found, "tests")] == ["src/graph/test.rs"]
    # a module named test that holds no test is not one
    helpers = 'pub fn fixture_path(name: &str) -> String { format!("fixtures/{name}") }\n'
    assert "tests" not in categories(signals({**manifest, "src/test.rs": helpers}))


def test_c_unit_test_frameworks_and_capitalised_test_folders(signals: Signals) -> None:
    cases = {
        # Unity
        "test/test_parser.c": '#include "unity.h"\n\nvoid test_parses_empty(void) {\n    TEST_ASSERT_EQUAL_INT(0, parse(""));\n}\n',
        # Check
        "tests/check_list.c": "#include <check.h>\n\nSTART_TEST(test_push)\n{\n    ck_assert_int_eq(list_len(l), 1);\n}\nEND_TEST\n",
        # Criterion
        "tests/strings.c": '#include <criterion/criterion.h>\n\nTest(strings, trims) {\n    cr_assert_str_eq(trim(" a "), "a");\n}\n',
        # CUnit
        "tests/queue_tests.c": "#include <CUnit/Basic.h>\n\nvoid queue_push(void) { CU_ASSERT_EQUAL(size(q), 1); }\n",
        # a CMake project's Tests/ folder
        "Tests/matrix.cpp": '#include <catch2/catch_test_macros.hpp>\n\nTEST_CASE("identity") { REQUIRE(eye(2)(0, 0) == 1); }\n',
        # a Visual Studio project's tests beside its sources (Catch2, GoogleTest)
        "src/ArrayTests.cpp": '#include "catch.hpp"\n\nTEST_CASE("grows") { REQUIRE(Array<int>(2).size() == 2); }\n',
        "engine/VectorTest.cc": "#include <gtest/gtest.h>\n\nTEST(Vector, Adds) { EXPECT_EQ(add(1, 1), 2); }\n",
        "src/test_ring.c": '#include "unity.h"\n\nvoid test_wraps(void) { TEST_ASSERT_EQUAL_INT(0, ring_next(3)); }\n',
        # a Visual Studio native unit test project (Microsoft's CppUnitTest), named by its template
        # or after the code it tests
        "UnitTest1/UnitTest1.cpp": (
            '#include "CppUnitTest.h"\n\nTEST_CLASS(UnitTest1)\n{\n    TEST_METHOD(Adds)\n'
            "    {\n        Assert::AreEqual(4, Add(2, 2));\n    }\n};\n"
        ),
        "NetLog/unitTest-NetLog/unitTest-NetLog.cpp": "TEST_CLASS(NetLogTest)\n{\n    TEST_METHOD(Pings) { Ping(); }\n};\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path
    # a test folder's helper that asserts nothing through a framework is not a test, nor is a
    # source file named for what it tests (a network ``SpeedTest``) that runs no test
    assert "tests" not in categories(signals({"Tests/support.c": "int fixture_size(void) { return 4; }\n"}))
    assert "tests" not in categories(signals({"src/SpeedTest.cpp": "double SpeedTest::run() { return rate(); }\n"}))
    assert "tests" not in categories(signals({"src/unitary.cpp": "TEST_CLASS(X) { TEST_METHOD(Y) {} };\n"}))


def test_javascript_test_helpers_are_not_tests(signals: Signals) -> None:
    helpers = {
        "test/helpers/db.js": "const assert = require('assert');\nexports.ok = (res) => assert(res.ok);\n",
        "tests/utils.ts": "export function expectOk(res: Response) {\n  expect(res.status).toBe(200);\n}\n",
        "tests/setup.ts": "import '@testing-library/jest-dom';\nexpect.extend({});\n",
    }
    assert "tests" not in categories(signals(helpers))
    # a test file named or placed like a helper declares its tests
    cases = {
        "src/utils.test.ts": "import { slug } from './utils';\ntest('slugs', () => { expect(slug('A b')).toBe('a-b'); });\n",
        "test/helpers/format.spec.js": "describe('format', () => { it('pads', () => {}); });\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path


def test_go_benchmarks_alone_are_not_tests(signals: Signals) -> None:
    bench = 'package parse\n\nimport "testing"\n\nfunc BenchmarkParse(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\tParse("x")\n\t}\n}\n'
    assert "tests" not in categories(signals({"parse/parse_bench_test.go": bench}))
    cases = {
        "parse/parse_test.go": 'package parse\n\nimport "testing"\n\nfunc TestParse(t *testing.T) {}\n',
        # a testify suite's methods, run by a TestXxx function in another file of the package
        "store/store_suite_test.go": "package store\n\nfunc (s *StoreSuite) TestSave() {\n\ts.Require().NoError(nil)\n}\n",
        "cart/cart_test.go": 'package cart_test\n\nvar _ = Describe("Cart", func() {\n\tIt("totals", func() {})\n})\n',
        "cart/example_test.go": "package cart_test\n\nfunc ExampleTotal() {\n\tfmt.Println(Total())\n\t// Output: 0\n}\n",
    }
    for path, text in cases.items():
        assert [s.path for s in of(signals({path: text}), "tests")] == [path], path


def test_a_test_kept_only_as_comments_is_a_stub(signals: Signals) -> None:
    """A scaffold's test commented out line by line, or inside a block comment, holds no test that
    runs: a stub; one test left in code among comments is a test."""
    line_comments = (
        "package com.acme;\n\n//import junit.framework.TestCase;\n//public class AppTest extends TestCase {\n"
        "//    public void testApp() { assertTrue( true ); }\n//}\n"
    )
    block = "/*\ndescribe('cart', () => {\n  it('adds', () => { expect(add(1, 1)).toBe(2); });\n});\n*/\n"
    python = "# def test_login():\n#     assert login('a', 'b')\n"
    found = signals(
        {"src/test/java/com/acme/AppTest.java": line_comments, "src/cart.test.js": block, "tests/test_auth.py": python}
    )
    # stubs, as a generator's tests are: there, and marked, so MVP001 finds no test that runs
    stubs = {"src/test/java/com/acme/AppTest.java", "src/cart.test.js", "tests/test_auth.py"}
    assert {s.path for s in of(found, "tests")} == stubs
    assert {s.path for s in of(found, "scaffold-tests")} == stubs
    # a glob in a string is no comment: the tests after it count
    globbed = "const files = glob.sync('src/*.ts');\ndescribe('files', () => {\n  it('lists', () => {});\n});\n"
    found = signals({"src/files.test.js": globbed})
    assert [s.path for s in of(found, "tests")] == ["src/files.test.js"] and not of(found, "scaffold-tests")
    kept = line_comments + "class CartTest {\n    @Test\n    void adds() { assertEquals(2, 1 + 1); }\n}\n"
    assert [s.path for s in of(signals({"src/test/java/com/acme/CartTest.java": kept}), "tests")] == [
        "src/test/java/com/acme/CartTest.java"
    ]


def test_a_react_route_component_of_a_tests_page_is_no_test(signals: Signals) -> None:
    """Next.js ``app/tests/page.tsx`` renders the ``/tests`` page (a quiz app's): a page, layout or
    loading component in a ``tests`` folder is the application's, even when its content says nothing."""
    found = signals({"app/tests/page.tsx": "", "app/tests/layout.tsx": "", "src/app/tests/[id]/loading.jsx": ""})
    assert not of(found, "tests")
    spec = "import { render } from '@testing-library/react';\ntest('renders', () => {});\n"
    assert [s.path for s in of(signals({"tests/page.test.tsx": spec}), "tests")] == ["tests/page.test.tsx"]


def test_a_next_app_router_file_of_a_test_url_segment_is_no_test(signals: Signals) -> None:
    """Next.js App Router files answer the URL their folders spell: ``app/api/.../test/route.ts`` is
    the ``/api/.../test`` endpoint and ``web/src/app/test/error.js`` its error page, not tests in a
    ``test`` folder. A mocha suite's ``test/app/route.js`` and a ``route.test.ts`` stay tests."""
    endpoint = (
        "import assert from 'node:assert';\n\nexport async function GET() {\n"
        "  assert(process.env.INVITE_KEY);\n  return Response.json({ ok: true });\n}\n"
    )
    found = signals(
        {
            "app/api/admin/invitation-codes/test/route.ts": endpoint,
            "web/src/app/test/error.js": "",  # a stub, its content still to write
            "app/test/loading.jsx": "",
        }
    )
    assert not of(found, "tests")
    mocha = "const assert = require('assert');\ndescribe('route', () => { it('maps', () => {}); });\n"
    spec = "import { GET } from './route';\ntest('answers', async () => { expect(await GET()).toBeTruthy(); });\n"
    found = signals({"test/app/route.js": mocha, "app/api/test/route.test.ts": spec})
    assert sorted(s.path for s in of(found, "tests")) == ["app/api/test/route.test.ts", "test/app/route.js"]
