/**
 * The files the welcome view writes: a starter project (a commented codebook and one
 * sample transcript) and a minimal copy of the example project, for installs that do
 * not ship examples/ (the .vsix holds only the bundles). Plain strings: no editor API,
 * so unit tests parse them with Axial's core and check that they are clean.
 */

/** codebook.yaml of a new project: one core category, two categories, four codes, each field explained. */
export const STARTER_CODEBOOK = `# The codebook of this Axial project. Axial reads it to check, complete and
# explain the codes you apply in transcripts/ (see the Axial view in the activity bar).
version: 1
title: My study
language: en                # the transcripts' language: en, es, ... (for code suggestions)
# Who codes: the initials you write as @XX after a code. Optional.
coders:
  ME: Your Name
# Each key under \`codes\` is an id you apply to text as #id. Its order here is the
# order of the tree. A category (kind: category) groups codes and is not applied to
# text; \`parent\` puts a code or category under another one: that is the axial model.
codes:
  # The core category: the phenomenon the study is about.
  experience:
    kind: category
    name: The experience of seeking help
    definition: What participants live through while looking for help.

  support:
    kind: category
    parent: experience
    name: Sources of support
    definition: People and things that made it easier.

  feeling-heard:
    parent: support
    name: Feeling heard
    definition: The participant feels listened to and taken seriously.
    include:
      - Being listened to, understood or believed.
    exclude:
      - Concrete help with tasks (use practical-help).
    examples:                 # quotes from the transcripts that show the code
      - someone who listened
    aliases: [listening]      # other words for the code, for completion and suggestions

  practical-help:
    parent: support
    name: Practical help
    definition: Someone does something concrete for the participant.
    examples:
      - drove me to every appointment

  obstacles:
    kind: category
    parent: experience
    name: Obstacles
    definition: What made seeking help harder.

  waiting:
    parent: obstacles
    name: Waiting
    definition: Waiting lists, delays and time without help.
    examples:
      - The waiting list was six months long

  cost:
    parent: obstacles
    name: Cost
    definition: Money the participant had to find; not coded yet in the sample.
`;

/** transcripts/sample-interview.md of a new project: front matter, speaker turns and coded spans. */
export const STARTER_TRANSCRIPT = `---
case: S1
participant: participant
coder: ME
speakers:
  I: Interviewer
  P: Participant
attributes:
  age: 30
---
I: What helped you most when you were looking for help?
P: {{Having someone who listened, really listened.}}{#feeling-heard} It was the first time.
{{And my sister drove me to every appointment.}}{#practical-help}
I: Was anything hard?
P: {{The waiting list was six months long.}}{#waiting "A memo: a note on this piece of coding."}
I: And how do you feel now?
P: Better, I think. Much better.
`;

/** The starter project's files, by path relative to the project folder. */
export const STARTER_FILES: Record<string, string> = {
  'codebook.yaml': STARTER_CODEBOOK,
  'transcripts/sample-interview.md': STARTER_TRANSCRIPT,
};

const EXAMPLE_CODEBOOK = `# A minimal copy of Axial's example project (the full one is examples/therapeutic-relationship
# in Axial's repository). The model follows Altimir, Capella, Núñez, Abarzúa & Krause,
# "Meeting in difference" (J Clin Psychol, 2017): the patient–therapist meeting as core
# category, with an asymmetric technical dimension and a symmetric affective one.
version: 1
title: "Meeting in difference: the therapeutic relationship (minimal example)"
language: en
coders:
  CA: Carolina Altimir
  LN: Lucía Núñez
codes:
  meeting:
    kind: category
    name: The patient–therapist meeting
    definition: Core phenomenon of the therapeutic relationship as patients and therapists experience it.
    color: "#5b5f6b"

  technical-dimension:
    kind: category
    parent: meeting
    name: Technical and role-related dimension (asymmetry)
    definition: The helping relationship gives the therapist an expert role and the patient a help-seeking one.
    color: "#4e79a7"

  therapist-as-expert:
    parent: technical-dimension
    name: Therapist as expert
    definition: The patient ascribes technical knowledge to the therapist.
    examples:
      - they must be right
    aliases: [expertise]

  patient-seeking-help:
    parent: technical-dimension
    name: Patient as the one who needs help
    definition: The patient needs the therapist's help and is open to receive it.
    examples:
      - I need someone to listen to me

  professional-distance:
    parent: technical-dimension
    name: Professional distance
    definition: The asymmetry keeps a distance that differentiates the roles.
    examples:
      - it wasn't friendship or anything

  understanding-the-patient:
    parent: technical-dimension
    name: Understanding the patient beyond the diagnosis
    definition: The therapist seeks to grasp the person, not only the diagnosis.
    examples:
      - not only the schizophrenia

  affective-dimension:
    kind: category
    parent: meeting
    name: Affective dimension (symmetry)
    definition: A bidirectional affective exchange in which both feel genuine emotions toward each other.
    color: "#e15759"

  genuine-concern:
    parent: affective-dimension
    name: Genuine concern
    definition: The therapist's real interest in and concern for the patient, visible to the patient.
    examples:
      - I felt like she was truly interested

  initial-connection:
    parent: affective-dimension
    name: Initial connection
    definition: An early feeling of connection, or a first moment of real contact.
    examples:
      - There was a feeling from the start

  biographical-bridges:
    parent: affective-dimension
    name: Biographical bridges
    definition: The therapist reveals interests that match the patient's, and the bond gets closer.
    examples:
      - knights templar

  trust-and-intimacy:
    kind: category
    parent: affective-dimension
    name: Trust and intimacy
    definition: Relational trust, built gradually, makes the bond closer and the work deeper.
    color: "#b07aa1"

  relational-trust:
    parent: trust-and-intimacy
    name: Relational trust
    definition: The patient's trust in the therapist as a person.
    examples:
      - I really feel like I trust her

  gradual-trust:
    parent: trust-and-intimacy
    name: Gradual construction of trust
    definition: Trust grows step by step.
    examples:
      - I gradually added trust to our bond

  opening-up:
    parent: trust-and-intimacy
    name: Opening up
    definition: Telling the therapist things one cannot tell others.
    examples:
      - it's quite easy

  trust-as-key-factor:
    parent: trust-and-intimacy
    name: Trust as the key factor
    definition: Trust is named as what made therapy succeed.
    examples:
      - Building trust, I think
`;

const EXAMPLE_PATIENT = `---
case: C
participant: patient
title: "Case C: interview with the patient during the second year of therapy"
coder: CA
speakers:
  I: Interviewer
  P: Patient
attributes:
  age: 22
  patient-diagnosis: paranoid schizophrenia
---
I: And what is it like to talk with her?
P: {{It’s like I need someone to listen to me, because I can’t really tell this to anyone}}{#patient-seeking-help @CA}{#patient-seeking-help @LN}.
I: Was it different with her than with other people you had talked to?
P: {{But with her [the therapist], it’s like she saw the importance of the problem.
I mean, I thought, Well, they must be right [referring to psychologists in general].}}{#therapist-as-expert @CA}{#therapist-as-expert @LN}
I: Did you feel that she was interested in you?
P: {{Oh, yes, um, I mean I felt like she was truly interested.
I mean, I felt the relationship wasn't so cold...I mean, {{it wasn't friendship or anything}}{#professional-distance @CA}, but I saw she cared.}}{#genuine-concern @CA}{#genuine-concern @LN}
I: And how is the relationship with her now?
P: {{So now I really feel like I trust her.
{{I mean, it's like I can go and tell things to her—it's quite easy...}}{#opening-up @CA}{{But it was like gradual. Like, I gradually added trust to our bond.}}{#gradual-trust @CA}{#gradual-trust @LN}}}{#relational-trust @CA}{#relational-trust @LN}
I: Which of all these factors had the strongest influence on your therapy process?
P: {{Building trust, I think. I think that's the most important one by far.}}{#trust-as-key-factor @CA}{#trust-as-key-factor @LN}
`;

const EXAMPLE_THERAPIST = `---
case: C
participant: therapist
title: "Case C: interview with the therapist during the second year of therapy"
coder: LN
speakers:
  I: Interviewer
  T: Therapist
attributes:
  age: 34
  patient-diagnosis: paranoid schizophrenia
---
I: Do you remember how it started with him?
T: {{There was a feeling from the start, even though he hardly spoke.}}{#initial-connection}
I: When did that change?
T: {{So, I knew a few things about the knights templar, we talked about castles, we talked about...}}{#biographical-bridges}
I: How do you work with him in the sessions?
T: {{I try to understand him as a person, his history, not only the schizophrenia.}}{#understanding-the-patient}
`;

const EXAMPLE_README = `# Minimal example: the therapeutic relationship

A small copy of Axial's example project, written by the "Open the example project"
button of the Axial view. The passages are quoted from Altimir et al. (2017),
"Meeting in difference" (J Clin Psychol, https://doi.org/10.1002/jclp.22525); the
interviewer's questions and the coding were written for the example.

Open the Axial view in the activity bar to see the codes and their quotes.
`;

/** The minimal example project's files, by path relative to its folder. */
export const EXAMPLE_FILES: Record<string, string> = {
  'README.md': EXAMPLE_README,
  'codebook.yaml': EXAMPLE_CODEBOOK,
  'transcripts/case-c-patient.md': EXAMPLE_PATIENT,
  'transcripts/case-c-therapist.md': EXAMPLE_THERAPIST,
};
