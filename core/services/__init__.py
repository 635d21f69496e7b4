"""The service layer: one use case per operator or applicant action, each in its own unit of work.

The dashboard, the JSON API, the chat and the CLI call these functions and only translate
their protocol into arguments and the results into their own views.  Refusals are
:class:`core.workflow.TransitionError` values carrying a stable rule id.
"""
