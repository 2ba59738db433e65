"""The rule catalogue (one rule per file, grouped by domain) and the runner."""

from privnet.rules.base import Finding, RuleContext, RuleMeta, Severity, Violation
from privnet.rules.registry import all_rules
from privnet.rules.runner import has_errors, validate

__all__ = [
    "Finding", "RuleContext", "RuleMeta", "Severity", "Violation",
    "all_rules", "has_errors", "validate",
]
